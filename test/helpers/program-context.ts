// The ProgramContext a programmer is handed, built one way for each kind of test:
// - taskContext: a real task on a seed, through the production programContext (the task's
//   scene, objects as the world reports them) — no test rebuilds that itself;
// - sceneContext: hand-made scene facts (test/helpers/scene-objects.ts), no physics.

import type { KnowledgeItem } from '../../policy/knowledge/types.ts';
import type { ObjectSpec, SceneSpec } from '../../sim/index.ts';
import { getTask, instantiateScene } from '../../tasks/index.ts';
import type { TaskDef } from '../../tasks/index.ts';
import { programContext } from '../../policy/loop/index.ts';
import type { ProgramContext, SceneFacts } from '../../policy/programmers/index.ts';

/** The context the episode gives a programmer for `task` (an id or a loaded task) on `seed`. */
export async function taskContext(
  task: TaskDef | string = 'red_on_blue',
  seed = 1,
  knowledge: KnowledgeItem[] = [],
): Promise<ProgramContext> {
  const def = typeof task === 'string' ? getTask(task) : task;
  return programContext(def, seed, instantiateScene(def, seed), 'rapier', knowledge);
}

/** The scene of hand-made facts: each object with mass 0.05 kg and friction 0.8. */
export function sceneOfFacts(facts: SceneFacts): SceneSpec {
  return {
    objects: facts.objects.map((o): ObjectSpec => ({ ...o, size: [...o.size], position: [...o.position], mass: 0.05, friction: 0.8 })),
    zones: [...facts.zones],
  };
}

/** A context for `instruction` on hand-made scene facts (seed 0, no knowledge). */
export function sceneContext(instruction: string, facts: SceneFacts, taskId = 'test'): ProgramContext {
  return { taskId, instruction, seed: 0, scene: sceneOfFacts(facts), objects: facts.objects.map((o) => ({ ...o })), knowledge: [] };
}
