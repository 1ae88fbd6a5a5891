import { describe, expect, it } from 'vitest';
import { diffLines } from '../../viewer/line-diff.ts';

const ops = (a: string, b: string): string =>
  diffLines(a, b)
    .map((d) => `${d.op === 'add' ? '+' : d.op === 'del' ? '-' : ' '}${d.text}`)
    .join('|');

describe('diffLines', () => {
  it.each([
    ['equal programs', 'a\nb\n', 'a\nb\n', ' a| b'],
    ['a line added in the middle', 'a\nc', 'a\nb\nc', ' a|+b| c'],
    ['a line removed', 'a\nb\nc', 'a\nc', ' a|-b| c'],
    [
      'a line changed',
      "pick('r');\nplace('b');",
      "pick('r', { approach: 'side' });\nplace('b');",
      "-pick('r');|+pick('r', { approach: 'side' });| place('b');",
    ],
    ['from nothing', '', 'x\ny', '+x|+y'],
    ['to nothing', 'x', '', '-x'],
  ])('%s', (_name, a, b, expected) => {
    expect(ops(a, b)).toBe(expected);
  });

  it('numbers lines in the old and the new program', () => {
    const d = diffLines('a\nb\nc', 'a\nx\nc');
    expect(d.map((l) => [l.op, l.oldLine, l.newLine])).toEqual([
      ['same', 1, 1],
      ['del', 2, null],
      ['add', null, 2],
      ['same', 3, 3],
    ]);
  });
});
