// Shared fixtures of the controller tests: model replies, images. (A real task's
// context: taskContext in test/helpers/program-context.ts.)

import { encode } from 'fast-png';

export const GOOD_PROGRAM = [
  "subgoal('grasp the red block', { expect: { grasped: 'red_block' } });",
  "pick('red_block');",
  "subgoal('put the red block on the blue block', { expect: { on: ['red_block', 'blue_block'] } });",
  "place('blue_block');",
].join('\n');

/** Puts the block beside its target instead of on it. */
export const WRONG_PROGRAM = [
  "subgoal('grasp the red block', { expect: { grasped: 'red_block' } });",
  "pick('red_block');",
  "subgoal('put the red block on the blue block', { expect: { on: ['red_block', 'blue_block'] } });",
  "const b = getPose('blue_block').position;",
  'place([b[0] + 0.12, b[1]]);',
].join('\n');

export function reply(program: string, plan = ['Grasp the red block', 'Put the red block on the blue block']): string {
  return `${plan.map((p, i) => `${i + 1}. ${p}`).join('\n')}\n\n\`\`\`javascript\n${program}\n\`\`\`\n`;
}

/** A small solid-colour PNG standing in for a rendered view. */
export function solidPng(rgb: [number, number, number], width = 32, height = 24): Buffer {
  const pixels = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) pixels.set(rgb, i * 3);
  return Buffer.from(encode({ width, height, data: pixels, channels: 3, depth: 8 }));
}
