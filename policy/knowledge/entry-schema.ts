// zod schemas of knowledge entries (types.ts): what `KnowledgeBase.add` accepts and what each
// line of an exported JSONL file holds (docs/knowledge.md#export-and-import).

import { z } from 'zod';
import { SHAPES } from '../../sim/index.ts';
import { KNOWLEDGE_SKILLS } from './types.ts';

const metres = z.number().finite();
const range = z.tuple([metres.nullable(), metres.nullable()]);
const isoTime = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO 8601 time');

export const ScopeSchema = z.strictObject({
  shapes: z.array(z.enum(SHAPES)),
  sizeRange: z.strictObject({ height: range.optional(), width: range.optional() }).optional(),
  colors: z.array(z.string()).optional(),
  verbs: z.array(z.string()),
  taskIds: z.array(z.string()),
});

export const AppearanceSchema = z.strictObject({
  shape: z.enum(SHAPES),
  size: z.tuple([metres, metres, metres]),
  aspect: z.number().finite(),
  color: z.array(z.number().finite()),
  silhouette: z.record(z.string(), z.tuple([z.number().finite(), z.number().finite()])).optional(),
  source: z.enum(['render', 'facts']),
});

export const SourceSchema = z.strictObject({
  origin: z.enum(['correction', 'repair', 'import']),
  session: z.string().nullable(),
  correction: z.string().nullable(),
  taskId: z.string().min(1),
  seed: z.number().int(),
  at: isoTime,
  programmer: z.string(),
});

const unit = z.number().min(0).max(1);
const count = z.number().int().min(0);

const content = {
  kind: z.enum(['plan', 'skill']),
  text: z.string().trim().min(1),
  skill: z.enum(KNOWLEDGE_SKILLS).optional(),
  params: z.record(z.string(), z.unknown()).optional(),
  scope: ScopeSchema,
  appearance: AppearanceSchema.optional(),
  before: z.array(z.string()).optional(),
  after: z.array(z.string()).optional(),
  sources: z.array(SourceSchema).min(1),
};

const skillNamed = (e: { kind: string; skill?: string }): boolean => e.kind !== 'skill' || e.skill !== undefined;
const skillMessage = { message: 'a skill entry needs `skill`', path: ['skill'] };

/** A NewKnowledge (what distillation hands to `add`). */
export const NewKnowledgeSchema = z.strictObject({ ...content, confidence: unit.optional() }).refine(skillNamed, skillMessage);

/** One line of an exported file: a KnowledgeEntry plus `prior`, the c0 of its confidence (absent: derived from the counters). */
export const ExportedEntrySchema = z
  .strictObject({
    id: z.number().int(),
    ...content,
    confidence: unit,
    prior: unit.optional(),
    uses: count,
    successes: count,
    failures: count,
    created: isoTime,
    updated: isoTime,
  })
  .refine(skillNamed, skillMessage)
  .refine((e) => e.successes + e.failures <= e.uses, { message: 'successes + failures exceed uses', path: ['uses'] });

export type ExportedEntry = z.infer<typeof ExportedEntrySchema>;

/** A zod error as one short phrase: the first issue's path and message. */
export function issueText(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const path = issue.path.map(String).join('.');
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more)` : '';
  return `${path ? `${path}: ` : ''}${issue.message}${more}`;
}
