// Reading and planning, the first half of the rule programmer: the instruction read
// against the scene facts (intents.ts) and turned into steps with computed targets
// (planner.ts). Both writing and repairing start from here.

import type { ProgramContext } from '../programmer.ts';
import { readInstruction } from './intents.ts';
import type { Choices, Reading } from './intents.ts';
import { planIntents } from './planner.ts';
import type { Plan } from './planner.ts';
import type { SceneFacts } from './references.ts';
import type { PlanAmendments } from './program-text.ts';
import { applyIntentEdits } from './intent-edits.ts';

/** The instruction read and planned for one scene. */
export interface RulePlan {
  reading: Reading;
  plan: Plan;
}

function facts(ctx: ProgramContext): SceneFacts {
  return { objects: ctx.objects, zones: ctx.scene.zones };
}

/** Read and plan (with a repair's plan amendments); throws with a sentence naming the phrase when it cannot. */
export function planFor(ctx: ProgramContext, choices: Choices = {}, amend?: PlanAmendments): RulePlan {
  const f = facts(ctx);
  const read = readInstruction(ctx.instruction, f, choices);
  // A person's plan corrections (correct.ts), if any: another object, target, order, added steps.
  const reading = amend?.edits ? { ...read, intents: applyIntentEdits(read.intents, amend.edits) } : read;
  const plan = planIntents(reading.intents, f, amend);
  return { reading, plan };
}
