// The trace's byte budget (docs/architecture.md#run-records, issue 15): past
// TRACE_BYTE_BUDGET of trace.json no more calls, log lines or subgoal events are recorded,
// one marker line counts them, strings in call arguments are capped whatever the program
// passes, and the record is always writable. Real world (a core task), real sandbox, the
// run record's own writer.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeAttemptFiles } from '../../policy/loop/records.ts';
import { IdleWorld, runAttempt, traceToJSON, TraceRecorder } from '../../policy/program/index.ts';
import { capProgramError, jsonBytes, TRACE_BYTE_BUDGET, TRACE_STRING_CAP } from '../../policy/program/trace.ts';
import { createWorld, type CallEvent, type LogEvent, type SimWorld, type Trace } from '../../sim/index.ts';
import { getTask, instantiateScene } from '../../tasks/index.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const worlds: SimWorld[] = [];
afterEach(() => {
  for (const w of worlds.splice(0)) w.free();
});

async function coreWorld(): Promise<SimWorld> {
  const task = getTask('red_on_blue');
  const world = await createWorld(instantiateScene(task, 1), { timeLimit: task.timeLimit });
  worlds.push(world);
  return world;
}

/** Writes the trace with the run record's writer; returns trace.json's path. */
function writeTrace(trace: Trace): string {
  const dir = tempDir('trace-budget');
  writeAttemptFiles(dir, 0, { program: 'program\n', trace }, { ok: false, detail: 'not checked' } as never);
  return join(dir, 'attempt-0', 'trace.json');
}

const markerOf = (trace: Trace): LogEvent | undefined =>
  trace.events.find((e): e is LogEvent => e.type === 'log' && e.message.startsWith('trace truncated'));

describe('the trace byte budget', () => {
  it('20,000 calls with four 10,000-character strings each: trace.json is written, under the budget, with the marker', async () => {
    const world = await coreWorld();
    const program = [
      "const a = 'a'.repeat(10000), b = 'b'.repeat(10000), c = 'c'.repeat(10000), d = 'd'.repeat(10000);",
      'for (let i = 0; i < 20000; i++) {',
      '  try { push(a, b, c, d); } catch (e) {}',
      '}',
    ].join('\n');
    const outcome = await runAttempt({ world, program, cpuMs: 120_000 });
    expect(outcome.error).toBeNull();
    expect(outcome.apiCalls).toBe(20_000);
    const calls = outcome.trace.events.filter((e): e is CallEvent => e.type === 'call');
    expect(calls.length).toBeGreaterThan(100);
    expect(calls.length).toBeLessThan(20_000);
    // Each recorded call has the program's four strings, each at most the cap (plus its length note).
    expect(calls[0]!.args).toHaveLength(4);
    for (const c of calls) for (const s of c.args as string[]) expect(s.length).toBeLessThanOrEqual(TRACE_STRING_CAP + 30);
    const marker = markerOf(outcome.trace);
    expect(marker?.message).toBe(
      `trace truncated: it reached its budget of 16 MiB, so ${20_000 - calls.length} later calls, 0 log lines and 0 subgoal events were not recorded`,
    );
    // The marker is where the trace stopped: right after the last recorded call.
    expect(marker!.seq).toBe(calls.at(-1)!.seq + 1);

    const file = writeTrace(outcome.trace);
    const bytes = statSync(file).size;
    expect(bytes).toBeLessThanOrEqual(TRACE_BYTE_BUDGET);
    expect(bytes).toBeGreaterThan(TRACE_BYTE_BUDGET * 0.9);
    const written = JSON.parse(readFileSync(file, 'utf8')) as Trace;
    expect(written.events.length).toBe(outcome.trace.events.length);
    expect(written.checkpoints.at(-1)!.label).toBe('end');
  }, 300_000);

  it('counts trace.json exactly as the record writes it', async () => {
    const world = await coreWorld();
    const trace = new TraceRecorder(world);
    const program = [
      "subgoal('grasp the red block', { expect: { grasped: 'red_block' } });",
      "pick('red_block');",
      "log('héllo wörld ✓', { a: [1, 2.5, -0, null], b: 'x\\u0001y\"z' });",
      'getObjects();',
      "subgoal('place it', { expect: { on: ['red_block', 'blue_block'] } });",
      "place('blue_block');",
    ].join('\n');
    const outcome = await runAttempt({ world, program });
    expect(outcome.error).toBeNull();
    // The same trace again, through a recorder whose size is read: every entry counted where it sits.
    for (const e of outcome.trace.events) {
      if (e.type === 'call') trace.recordCall(e.call, e.args, e.line, e.error ? { error: e.error } : { result: e.result });
      else if (e.type === 'log') trace.log(e.message, e.line);
    }
    const own = trace.finish(null);
    const file = writeTrace(own);
    // Only `success` (written by the record, not the recorder) and the frame's few bytes differ.
    expect(Math.abs(statSync(file).size - trace.sizeBytes)).toBeLessThan(160);

    // jsonBytes is exact for plain data at any depth.
    const value = { a: [1, -2.5e-7, 'é✓', { b: null, c: [] }, {}], d: 'q"\\\n\u0001', e: undefined, f: true };
    for (const depth of [0, 1, 3]) expect(jsonBytes(value, depth)).toBe(nested(value, depth));
  });

  it('past the budget drops calls, logs and subgoals alike, keeps each recorded subgoal whole and the end checkpoint', () => {
    const world = new IdleWorld();
    const trace = new TraceRecorder(world, { maxBytes: 200_000 });
    const long = 'w'.repeat(400);
    for (let i = 0; i < 2000; i++) {
      trace.startSubgoal(`${long} ${i}`, { grasped: 'block' } as never, i);
      trace.recordCall('getGripper', [], i, { result: { ok: true } });
      trace.log(`line ${i} ${long}`, i);
    }
    const out = trace.finish({ kind: 'Error', message: 'stopped', line: 3 });
    const { calls, logs, subgoals } = trace.droppedEntries;
    expect(calls + logs + subgoals).toBeGreaterThan(0);
    expect(out.events.filter((e) => e.type === 'call').length + calls).toBe(2000);
    expect(out.events.filter((e) => e.type === 'log' && !e.message.startsWith('trace truncated')).length + logs).toBe(2000);
    expect(out.subgoals.length + subgoals).toBe(2000);
    // Every recorded subgoal has its start and its end event; seqs are 0, 1, 2, … in order.
    for (const s of out.subgoals) {
      expect(out.events.filter((e) => (e.type === 'subgoal-start' || e.type === 'subgoal-end') && e.subgoal === s.index)).toHaveLength(2);
    }
    expect(out.events.map((e) => e.seq)).toEqual(out.events.map((_, i) => i));
    expect(markerOf(out)?.message).toMatch(
      /^trace truncated: it reached its budget of 0\.19 MiB, so \d+ later calls, \d+ log lines and \d+ subgoal events were not recorded$/,
    );
    expect(out.checkpoints.map((c) => c.reason)).toContain('end');
    expect(out.checkpoints.map((c) => c.reason)).toContain('error');
    const bytes = Buffer.byteLength(JSON.stringify({ ...traceToJSON(out), success: { ok: false } }, null, 1));
    expect(bytes).toBeLessThanOrEqual(200_000);
  });

  it('caps strings in call arguments, results and errors whatever their size', () => {
    const trace = new TraceRecorder(new IdleWorld());
    const huge = 'h'.repeat(1_000_000);
    const event = trace.recordCall('getObject', [huge, { deep: [huge] }], 1, { error: { kind: 'UnknownObjectError', message: huge } });
    expect((event.args[0] as string).length).toBeLessThanOrEqual(TRACE_STRING_CAP + 30);
    expect((event.args[0] as string).endsWith('… (1000000 characters)')).toBe(true);
    expect(((event.args[1] as { deep: string[] }).deep[0] as string).length).toBeLessThanOrEqual(TRACE_STRING_CAP + 30);
    expect(event.error!.message.length).toBeLessThanOrEqual(TRACE_STRING_CAP + 30);
    expect(trace.recordCall('log', ['short'], 2, { result: huge }).result).toHaveLength(TRACE_STRING_CAP + '… (1000000 characters)'.length);
  });

  it("caps a ProgramError's name and message for records and prompts", () => {
    const name = 'N'.repeat(30_000_000);
    const capped = capProgramError({ kind: 'Error', message: `${name}: boom`, line: 2 });
    expect(capped.message.length).toBeLessThanOrEqual(2000 + 30);
    expect(capped.message).toMatch(/^N{200}… \(30000000 characters\): boom$/);
    const plain = { kind: 'GraspError', message: 'nothing grasped', line: 1 };
    expect(capProgramError(plain)).toBe(plain);
    expect(capProgramError({ kind: 'Error', message: 'm'.repeat(5000), line: null }).message).toMatch(/^m{2000}… \(5000 characters\)$/);
  });
});

/** Bytes of `value` in JSON.stringify(…, null, 1) output when it sits `depth` levels deep. */
function nested(value: unknown, depth: number): number {
  let wrapped: unknown = value;
  for (let i = 0; i < depth; i++) wrapped = [wrapped];
  const whole = JSON.stringify(wrapped, null, 1);
  // Strip the wrappers: `depth` opening lines and `depth` closing lines.
  const lines = whole.split('\n');
  const inner = lines.slice(depth, lines.length - depth);
  inner[0] = inner[0]!.trimStart();
  return Buffer.byteLength(inner.join('\n'));
}
