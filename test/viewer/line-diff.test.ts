import { describe, expect, it } from 'vitest';
import { diffLines, sideBySide } from '../../viewer/line-diff.ts';
import type { SideBySideRow } from '../../viewer/line-diff.ts';

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

/** A row as text: "3 a | 3 a", "- | 2 b", "… 4". */
const row = (r: SideBySideRow): string =>
  'fold' in r ? `… ${r.fold}` : `${r.left ? `${r.left.line} ${r.left.text}` : '-'} | ${r.right ? `${r.right.line} ${r.right.text}` : '-'}`;

describe('sideBySide', () => {
  it('puts a changed line beside its replacement and keeps both numberings', () => {
    const rows = sideBySide(diffLines('a\nb\nc', 'a\nB\nc'));
    expect(rows.map(row)).toEqual(['1 a | 1 a', '2 b | 2 B', '3 c | 3 c']);
    const mid = rows[1]!;
    expect('fold' in mid ? null : [mid.left?.op, mid.right?.op]).toEqual(['del', 'add']);
  });

  it('leaves the longer run of a change beside nothing', () => {
    expect(sideBySide(diffLines('a\nx\nd', 'a\ny1\ny2\ny3\nd')).map(row)).toEqual([
      '1 a | 1 a',
      '2 x | 2 y1',
      '- | 3 y2',
      '- | 4 y3',
      '3 d | 5 d',
    ]);
    expect(sideBySide(diffLines('a\nb\nc', 'c')).map(row)).toEqual(['1 a | -', '2 b | -', '3 c | 1 c']);
  });

  it('folds unchanged stretches away from the changes', () => {
    const old = Array.from({ length: 20 }, (_, i) => `l${i + 1}`).join('\n');
    const next = old.replace('l10', 'L10');
    expect(sideBySide(diffLines(old, next), 2).map(row)).toEqual([
      '… 7',
      '8 l8 | 8 l8',
      '9 l9 | 9 l9',
      '10 l10 | 10 L10',
      '11 l11 | 11 l11',
      '12 l12 | 12 l12',
      '… 8',
    ]);
    expect(sideBySide(diffLines(old, next)).length).toBe(20);
    expect(sideBySide(diffLines(old, old), 2)).toEqual([{ fold: 20 }]);
  });
});
