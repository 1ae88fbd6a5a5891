// The benchmark's program runner for tests and scripts: sim's world + policy's sandbox.
// (monitor/ may not import policy/; cli/ wires the same thing for `eval-monitor`.)

import { createWorld } from '../../sim/index.ts';
import type { AttemptData, SceneSpec } from '../../sim/index.ts';
import { runAttempt } from '../../policy/attempt.ts';

export async function runProgram(scene: SceneSpec, program: string, task: { instruction: string; timeLimit: number }): Promise<AttemptData> {
  const world = await createWorld(scene, { timeLimit: task.timeLimit });
  try {
    const out = await runAttempt({ world, program, timeLimitSec: task.timeLimit });
    return { scene, instruction: task.instruction, program, trace: out.trace, error: out.error };
  } finally {
    world.free();
  }
}
