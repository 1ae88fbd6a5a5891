// The generation prompt: a system message (role, rules, the API section generated from
// the one declaration, the predicate forms) that is the same for every task — so a
// server's prompt cache can keep it — and a user message with the task: instruction,
// scene facts, relevant knowledge (when there is any) and the output format.
//
// Budget: ≤ 2,500 tokens (llm's countMessageTokens) for every core task; a test holds
// it. RoboTwin 2.0's generation prompt is about 4,700 tokens.

import { countMessageTokens, type ChatMessage } from '../../../llm/index.ts';
import { GRIPPER, TABLE } from '../../../sim/index.ts';
import { renderApiPrompt } from '../../program/api-docs.ts';
import type { ProgramContext } from '../programmer.ts';
import { knowledgeLine } from '../../knowledge/format.ts';
import type { KnowledgeItem } from '../../knowledge/types.ts';
import { PREDICATE_PROMPT_FORMS } from './predicate-forms.ts';
import { renderSceneFacts } from './scene-facts.ts';

export const PROMPT_TOKEN_BUDGET = 2500;

const ws = TABLE.workspace;
const range = (i: number): string => `${ws.min[i]}…${ws.max[i]}`;

const RULES = [
  'You write programs that control a robot gripper in a tabletop simulation.',
  'A program is plain JavaScript run in a sandbox: no imports, no async/await, no other globals than the functions below and the language built-ins. Every call is synchronous and returns when the motion is done.',
  '',
  'World:',
  "- Units: metres and radians. z is up and the table top is z = 0; +x is to the robot's right, +y is away from the robot. Positions are [x, y, z] (or [x, y] where the height is implied).",
  `- The gripper (TCP = midway between the fingertips) reaches x ${range(0)}, y ${range(1)}, z ${range(2)}.`,
  `- Parallel jaws, max opening ${GRIPPER.maxOpening * 100} cm: only objects narrower than that across the fingers can be grasped. pick() chooses the grasp yaw; grasps hold by friction and can slip.`,
  '',
  'Rules:',
  '- Reply with the plan and the program only, no explanations. Use only the functions listed below and the object ids exactly as given.',
  "- Start every step with subgoal('what the step achieves', { expect: P }) where P is a predicate that must hold when the step ends; then the step's actions.",
  '- Prefer pick, place and push; read positions at run time (getPoint, getPose) instead of copying numbers when objects may have moved.',
  '- Errors are thrown (GraspError, ReachError, …); catch one only to recover from it sensibly.',
].join('\n');

const FORMAT = [
  'Reply in this format:',
  '1. <first subgoal>',
  '2. <second subgoal>',
  '…',
  '```javascript',
  "subgoal('<first subgoal>', { expect: <predicate> });",
  '<its actions>',
  "subgoal('<second subgoal>', { expect: <predicate> });",
  '<its actions>',
  '```',
  'One numbered line per subgoal, then ONE javascript block with the whole program.',
].join('\n');

/** The system message: identical for every task. */
export function systemPrompt(): string {
  return [RULES, '', 'API:', renderApiPrompt(), '', 'Predicates (JSON, for expect):', PREDICATE_PROMPT_FORMS].join('\n');
}

/** "Relevant knowledge" lines, or '' when there is none (the section is then left out). */
export function knowledgeSection(knowledge: readonly KnowledgeItem[]): string {
  const items = knowledge.map((k) => knowledgeLine(k).trim()).filter((k) => k.length > 0);
  if (items.length === 0) return '';
  return [
    'Relevant knowledge (lessons from earlier corrections; follow them unless this task says otherwise):',
    ...items.map((k) => `- ${k}`),
  ].join('\n');
}

/** Task, scene and knowledge: the part of the user message both prompts share. */
export function taskSection(ctx: ProgramContext): string {
  const parts = [`Task: ${ctx.instruction.trim()}`, '', 'Scene at the start (centre positions in m, sizes in cm):', renderSceneFacts(ctx)];
  const knowledge = knowledgeSection(ctx.knowledge);
  if (knowledge) parts.push('', knowledge);
  return parts.join('\n');
}

export function outputFormat(): string {
  return FORMAT;
}

/** The format reminder of a repair request: the generation format, in one sentence. */
export const REPAIR_FORMAT =
  "Reply in the same format: one numbered line per subgoal, then ONE ```javascript block with the whole program, every step a subgoal('…', { expect: … }) call followed by its actions.";

/** The messages that ask for a program. */
export function buildGenerationPrompt(ctx: ProgramContext): ChatMessage[] {
  return [
    { role: 'system', content: systemPrompt() },
    { role: 'user', content: `${taskSection(ctx)}\n\n${FORMAT}` },
  ];
}

/** Prompt tokens as counted offline (o200k_base; images at llm's fixed estimate). */
export function promptTokens(messages: readonly ChatMessage[]): number {
  return countMessageTokens(messages);
}
