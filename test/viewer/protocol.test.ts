import { describe, expect, it } from 'vitest';
import { parseClientMessage } from '../../viewer/index.ts';
import { ProgramErrorSchema, TraceEventSchema } from '../../viewer/protocol.ts';

const START = { type: 'start', task: 'red_on_blue', seed: 0, provider: 'builtin', monitor: 'state', maxRepairs: 2 };

describe('parseClientMessage', () => {
  it.each([
    ['a start request', START],
    [
      'a start request with a task file, model, speed and images',
      { ...START, task: 'my/task.json', model: 'gpt-x', speed: '4x', images: true },
    ],
    ['pause', { type: 'pause' }],
    ['resume', { type: 'resume' }],
    ['step one API call', { type: 'step' }],
    ['stop', { type: 'stop' }],
    ['a speed change', { type: 'speed', speed: 'max' }],
    ['open a run folder', { type: 'open-run', dir: 'runs/x' }],
    ['a correction', { type: 'correct', text: 'no, the blue one' }],
    ['a correction that restarts', { type: 'correct', text: 'lift it higher', mode: 'restart' }],
    ['a correction that continues', { type: 'correct', text: 'from the side', mode: 'continue' }],
    // Empty and over-long texts pass the protocol: the session refuses them in the chat, in one line.
    ['an empty correction', { type: 'correct', text: '' }],
  ])('accepts %s', (_name, message) => {
    const parsed = parseClientMessage(JSON.stringify(message));
    expect(parsed).toEqual({ ok: true, message });
  });

  it.each([
    ['text that is not JSON', '{"type":', /not JSON/],
    ['a JSON array', '[1,2]', /JSON object with a "type"/],
    ['null', 'null', /JSON object/],
    ['a message without a type', '{"task":"x"}', /unknown message type null/],
    ['an unknown type', '{"type":"reboot"}', /unknown message type "reboot"; expected one of start, pause/],
    ['a negative seed', JSON.stringify({ ...START, seed: -1 }), /bad "start" message: seed/],
    ['a fractional seed', JSON.stringify({ ...START, seed: 1.5 }), /seed/],
    ['an unknown provider', JSON.stringify({ ...START, provider: 'cloud' }), /provider/],
    ['too many repairs', JSON.stringify({ ...START, maxRepairs: 99 }), /maxRepairs/],
    ['an empty task', JSON.stringify({ ...START, task: '' }), /task/],
    ['an unknown speed', '{"type":"speed","speed":"2x"}', /speed/],
    ['extra fields', '{"type":"pause","now":true}', /bad "pause" message/],
    ['a correction without text', '{"type":"correct"}', /bad "correct" message: text/],
    ['a correction that is not text', '{"type":"correct","text":42}', /bad "correct" message: text: .*string/],
    ['a correction of an unknown mode', '{"type":"correct","text":"x","mode":"rewind"}', /bad "correct" message: mode/],
    [
      'a correction the size of a document',
      JSON.stringify({ type: 'correct', text: 'a'.repeat(20_001) }),
      /bad "correct" message: text: at most 20000/,
    ],
    ['a correction with extra fields', '{"type":"correct","text":"x","urgent":true}', /bad "correct" message/],
  ])('refuses %s with a reason', (_name, text, reason) => {
    const parsed = parseClientMessage(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(reason);
  });
});

describe('trace errors keep their typed cause', () => {
  const gripper = { position: [0, 0, 0.3], yaw: 0, approach: 'top', width: 0.08, holding: null };
  it('a program error and a call error pass with it, and keep it', () => {
    const error = { kind: 'GraspError', message: 'red_block slipped out of the grasp while lifting.', line: 2, cause: 'slipped' };
    expect(ProgramErrorSchema.parse(error)).toEqual(error);
    const call = {
      type: 'call',
      seq: 0,
      t: 1,
      line: 2,
      call: 'pick',
      args: ['red_block'],
      gripper,
      error: { kind: 'CollisionError', message: 'x', cause: 'knocked-away' },
    };
    expect(TraceEventSchema.parse(call)).toEqual(call);
    expect(ProgramErrorSchema.safeParse({ ...error, cause: 'gremlins' }).success).toBe(false);
  });
});
