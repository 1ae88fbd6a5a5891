// Runs one program on a fresh world built from a scene, returning what a monitor inspects.
// The same sandbox run as an episode attempt, without the loop around it.
import type { AttemptData, EngineName, SceneSpec } from '../../sim/index.ts';
import { createWorld } from '../../sim/index.ts';
import { runAttempt } from '../../policy/program/index.ts';

export async function runProgramOnScene(
  scene: SceneSpec,
  program: string,
  task: { instruction: string; timeLimit: number },
  engine: EngineName = 'rapier',
): Promise<AttemptData> {
  const world = await createWorld(scene, { engine, timeLimit: task.timeLimit });
  try {
    const outcome = await runAttempt({ world, program });
    return { scene, instruction: task.instruction, program, trace: outcome.trace, error: outcome.error };
  } finally {
    world.free();
  }
}
