// The distillation prompt (docs/knowledge.md#distillation): after an episode that ended
// well following corrections or repairs, the model states what generalises — plan rules
// in plain words, skill lessons as program API options — as structured output validated
// by DISTILLED_SCHEMA. toNewKnowledge turns a reply into entries with provenance and the
// object's appearance; nothing the model says names an object that is not in the scene.

import { z } from 'zod';
import type { ChatMessage } from '../../../llm/index.ts';
import { SHAPES } from '../../../sim/index.ts';
import { distillSource, skillEntry, type DistillInput } from '../../knowledge/distill.ts';
import { stepCalls } from '../../knowledge/program-calls.ts';
import type { NewKnowledge } from '../../knowledge/types.ts';

export const DISTILLED_SCHEMA = z.object({
  entries: z
    .array(
      z.object({
        kind: z.enum(['plan', 'skill']),
        /** The lesson in plain words, general: no object ids, colours only when the colour matters. */
        text: z.string().min(5).max(300),
        /** skill lessons: the skill and the object it was learned on (its id in this scene); 'none' and '' for plan rules. */
        skill: z.enum(['pick', 'place', 'push', 'none']),
        object: z.string().max(80),
        /** skill lessons: the options of the corrected call that made the difference (null: not this one). */
        approach: z.enum(['top', 'side']).nullable(),
        liftHeight: z.number().min(0).max(0.45).nullable(),
        releaseHeight: z.number().min(0).max(0.45).nullable(),
        pushHeight: z.number().min(0).max(0.45).nullable(),
        /** push: how much less far than the distance to its goal (m; negative: further). */
        pushShorten: z.number().min(-0.2).max(0.2).nullable(),
        speed: z.number().gt(0).max(10).nullable(),
        /** plan rules the builtin can also apply; 'none' otherwise. */
        rule: z.enum(['clear-first', 'none']),
        /** Shapes the lesson is about ([] = any). */
        shapes: z.array(z.enum(SHAPES)).max(5),
        /** 0-based index of the correction it came from; -1 for the repair. */
        from: z.number().int().min(-1).max(50),
      }),
    )
    .max(6),
});

export type DistilledReply = z.infer<typeof DISTILLED_SCHEMA>;

const SYSTEM = [
  'You distil lessons for a robot that picks, places and pushes objects on a table, from the corrections a person gave it and the repairs that made a program work.',
  'A lesson must help on OTHER tasks with other objects, colours and layouts. Two kinds:',
  '- plan: which steps to take or in what order, as a rule in plain words ("before moving a container, take out what is in it"). If the rule is "take off whatever stands on or in an object before moving that object", set rule to "clear-first".',
  '- skill: how one step is done, as the options of pick(id, { approach, liftHeight }), place(target, { releaseHeight }), push(id, dir, dist, { height }) and their speed option, or pushShorten (how much less far than the distance to its goal a push should go, in metres) — only values that made the difference; set the others to null. Name the object of this scene it was learned on in `object`; describe the kind of object in `text` by shape and size ("tall thin cylinders"), not by colour or id.',
  'Corrections about which particular object, bowl or place this task meant are not lessons: leave them out. Return no entries when nothing generalises.',
].join('\n');

function diffLines(before: string, after: string): string[] {
  const b = stepCalls(before).map((c) => c.text);
  const a = stepCalls(after).map((c) => c.text);
  return [...b.filter((l) => !a.includes(l)).map((l) => `- ${l}`), ...a.filter((l) => !b.includes(l)).map((l) => `+ ${l}`)].slice(0, 12);
}

export function buildDistillPrompt(input: DistillInput): ChatMessage[] {
  const objects = input.objects.map(
    (o) => `- ${o.id}: ${o.color} ${o.shape}, ${o.size.map((v) => `${Math.round(v * 1000) / 10}`).join(' × ')} cm`,
  );
  const parts = [`Task ${input.taskId}: ${input.instruction}`, '', 'Objects:', ...objects];
  input.corrections.forEach((c, i) => {
    const from = c.mode === 'continue' ? ', the new program went on from the world as the robot had left it' : '';
    parts.push(
      '',
      `Correction ${i} (${c.class}-level${from}): "${c.text}"`,
      'Step calls it changed:',
      ...diffLines(c.programBefore, c.programAfter).map((l) => `  ${l}`),
    );
  });
  if (input.repair) {
    parts.push(
      '',
      'Repair -1 (the programmer fixed its own program after a failed attempt); step calls it changed:',
      ...diffLines(input.repair.programBefore, input.repair.programAfter).map((l) => `  ${l}`),
    );
  }
  parts.push('', 'The episode ended with the task done. Reply with the lessons as JSON.');
  return [
    { role: 'system', content: SYSTEM },
    { role: 'user', content: parts.join('\n') },
  ];
}

/** The reply's entries as knowledge entries; a skill lesson naming no object of the scene, or no option, is dropped. */
export function toNewKnowledge(input: DistillInput, reply: DistilledReply): NewKnowledge[] {
  const seen = new Set<string>();
  const out: NewKnowledge[] = [];
  for (const e of reply.entries) {
    const c = e.from >= 0 ? input.corrections[e.from] : undefined;
    const source = c
      ? distillSource(input, 'correction', c.text)
      : distillSource(input, input.repair ? 'repair' : 'correction', input.corrections[0]?.text ?? null);
    if (e.kind === 'skill') {
      if (e.skill === 'none') continue;
      const params: Record<string, unknown> = {};
      if (e.skill === 'pick' && e.approach) params.approach = e.approach;
      if (e.skill === 'pick' && e.liftHeight !== null) params.liftHeight = e.liftHeight;
      if (e.skill === 'place' && e.releaseHeight !== null) params.releaseHeight = e.releaseHeight;
      if (e.skill === 'push' && e.pushHeight !== null) params.height = e.pushHeight;
      if (e.skill === 'push' && e.pushShorten !== null) params.shorten = e.pushShorten;
      if (e.speed !== null) params.speed = e.speed;
      const entry = skillEntry(input, source, e.skill, e.object, params, [], [], seen);
      if (entry) out.push({ ...entry, text: e.text.trim() });
    } else {
      out.push({
        kind: 'plan',
        text: e.text.trim(),
        ...(e.rule !== 'none' && { params: { rule: e.rule } }),
        scope: { shapes: [...new Set(e.shapes)], verbs: [], taskIds: [input.taskId] },
        sources: [source],
      });
    }
  }
  return out;
}
