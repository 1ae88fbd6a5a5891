import { describe, expect, it } from 'vitest';
import { countMessageTokens, countTokens, IMAGE_TOKEN_ESTIMATE, TOKENS_PER_MESSAGE } from '../../llm/index.ts';

describe('token counting', () => {
  it.each([
    ['', 0],
    ['hello world', 2],
    ['pick("red_block");', 5],
  ])('counts %j as %i tokens', (text, expected) => {
    expect(countTokens(text)).toBe(expected);
  });

  it('counts special-token strings as plain text instead of throwing', () => {
    expect(countTokens('a <|endoftext|> b')).toBeGreaterThan(3);
  });

  it('adds a per-message overhead and the reply priming', () => {
    const one = countMessageTokens([{ role: 'user', content: 'hello world' }]);
    const two = countMessageTokens([
      { role: 'user', content: 'hello world' },
      { role: 'assistant', content: 'hello world' },
    ]);
    expect(one).toBe(3 + TOKENS_PER_MESSAGE + countTokens('user') + 2);
    expect(two - one).toBe(TOKENS_PER_MESSAGE + countTokens('assistant') + 2);
  });

  it('charges a fixed estimate per image, adjustable', () => {
    const text = [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'look' }] }];
    const withImages = [
      {
        role: 'user' as const,
        content: [
          { type: 'text' as const, text: 'look' },
          { type: 'image' as const, mime: 'image/png' as const, data: 'AAAA' },
          { type: 'image' as const, mime: 'image/jpeg' as const, data: 'AAAA' },
        ],
      },
    ];
    expect(countMessageTokens(withImages) - countMessageTokens(text)).toBe(2 * IMAGE_TOKEN_ESTIMATE);
    expect(countMessageTokens(withImages, { imageTokens: 1000 }) - countMessageTokens(text)).toBe(2000);
  });
});
