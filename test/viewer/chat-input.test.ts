// What the chat box sends: a correction, its mode from the restart box or a /restart or
// /continue prefix, and a one-line error for any other /command.
import { describe, expect, it } from 'vitest';
import { parseChatInput } from '../../viewer/app/chat-panel.ts';
import { parseClientMessage } from '../../viewer/index.ts';

describe('parseChatInput', () => {
  it.each([
    ['plain words continue', 'no, the blue one', false, { type: 'correct', text: 'no, the blue one', mode: 'continue' }],
    ['the restart box restarts', 'lift it higher', true, { type: 'correct', text: 'lift it higher', mode: 'restart' }],
    ['a /restart prefix restarts', '/restart from the side', false, { type: 'correct', text: 'from the side', mode: 'restart' }],
    ['a /continue prefix beats the box', '/continue slower', true, { type: 'correct', text: 'slower', mode: 'continue' }],
    ['the prefix is case-blind', '/Restart  slower', false, { type: 'correct', text: 'slower', mode: 'restart' }],
    // Empty text goes to the server, which refuses it in the chat with its one line.
    ['blank text is sent for the session to refuse', '   ', false, { type: 'correct', text: '   ', mode: 'continue' }],
  ])('%s', (_name, raw, restart, message) => {
    const parsed = parseChatInput(raw, restart);
    expect(parsed).toEqual({ ok: true, message });
    // What it sends passes the protocol.
    expect(parseClientMessage(JSON.stringify(message)).ok).toBe(true);
  });

  it.each([
    ['an unknown command', '/undo', /unknown command \/undo: type a correction, or start it with \/restart or \/continue/],
    ['a mode without words', '/restart', /\/restart needs a correction after it/],
  ])('refuses %s in one line', (_name, raw, reason) => {
    const parsed = parseChatInput(raw, false);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(reason);
  });
});
