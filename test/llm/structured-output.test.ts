import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { extractJson, parseStructured, schemaName, wireSchema } from '../../llm/structured-output.ts';

describe('extractJson', () => {
  it.each<[string, unknown]>([
    ['{"ok": true}', { ok: true }],
    ['  [1, 2]  ', [1, 2]],
    ['Sure:\n```json\n{"ok": false}\n```\nDone.', { ok: false }],
    ['The verdict is {"ok": true, "note": "a } in a string"} as asked.', { ok: true, note: 'a } in a string' }],
    ['{broken} then {"ok": 1}', { ok: 1 }],
  ])('finds the JSON in %j', (text, expected) => {
    expect(extractJson(text)).toEqual({ value: expected });
  });

  it.each(['', 'no json here', '{"ok": tru'])('finds none in %j', (text) => {
    expect(extractJson(text)).toBeUndefined();
  });
});

describe('wire schemas', () => {
  it('sends strict only for schemas OpenAI strict mode accepts', () => {
    expect(wireSchema(z.object({ a: z.string(), b: z.array(z.object({ c: z.number() })) }), 'x').strict).toBe(true);
    expect(wireSchema(z.object({ a: z.string().optional() }), 'x').strict).toBe(false);
    expect(wireSchema(z.object({ a: z.string() }).loose(), 'x').strict).toBe(false);
  });

  it('drops $schema and cleans the name', () => {
    const wire = wireSchema(z.object({ a: z.string() }), 'scene verdict!');
    expect(wire.schema.$schema).toBeUndefined();
    expect(wire.name).toBe('scene_verdict_');
    expect(schemaName(undefined)).toBe('response');
  });

  it('reports at most three issues on one line', () => {
    const schema = z.object({ a: z.string(), b: z.number(), c: z.boolean(), d: z.null() });
    expect(() => parseStructured(schema, 'thing', '{}')).toThrow(
      /^the model's thing does not match its schema: a: .*; b: .*; c: .*; and 1 more \(reply: "\{\}"\)$/,
    );
  });
});
