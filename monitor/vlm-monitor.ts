// The `vlm` monitor (docs/architecture.md#monitors-and-verdicts): a vision-language model looks at the rendered rgb images
// of a checkpoint and says, as structured JSON, whether the subgoal that just ended was
// achieved. One zod schema is both the JSON schema sent to the model and the
// validator of its reply.
//
// Tokens are the cost here, so — as RoboTwin 2.0 does — the model is asked only when it
// can matter:
//   - an attempt the caller reports as successful whose program raised no error is not
//     inspected at all: every verdict is ok, marked "not inspected" in its evidence;
//   - otherwise, in order, the checkpoints that end a subgoal (one request each, with the
//     subgoal text, its expectation and the images of up to `maxViews` views), stopping at
//     the first failure — the diagnosis uses the first failing checkpoint, later ones are
//     marked "not inspected"; when every subgoal passed (or there were none), the final
//     checkpoint is checked once against the whole instruction;
//   - action and error checkpoints are not sent: a program error there is a fact of the
//     trace and is reported from the trace, like the state monitor does.
// A reply that is not valid JSON for the schema, or a model call that fails after the
// provider's retries, becomes a verdict of kind 'monitor-error' with the reason — never a
// crash. Configuration errors ('auth', 'config', 'replay-miss') are rethrown: no later
// request would fare better, and the run should stop with the one-line message.

import { z } from 'zod';
import { isModelError, type ChatMessage, type ChatModel, type ContentPart, type ImageMime, type TokenUsage } from '../llm/index.ts';
import type { AttemptData, Checkpoint, ObjectSpec, SubgoalInfo } from '../sim/index.ts';
import { errorFailure } from './checkpoint-checks.ts';
import type { ViewImages } from './render/headless-renderer.ts';
import type { ViewName } from './render/camera-views.ts';
import { mentionedObjects, subgoalOf } from './trace-reading.ts';
import { makeVerdict } from './verdict.ts';
import type { Failure, FailureKind, InspectOptions, Monitor, Verdict } from './verdict.ts';

/** Failure kinds a model can see in pictures (program errors come from the trace). */
export const VLM_FAILURE_KINDS = [
  'expectation-unmet',
  'not-grasped',
  'dropped',
  'toppled',
  'off-table',
  'disturbed',
  'not-visible',
] as const satisfies readonly FailureKind[];

/** The structured verdict the model writes. `failureKind` is 'none' when ok (strict JSON schemas need every field). */
export const VlmVerdictSchema = z
  .object({
    ok: z.boolean(),
    failureKind: z.enum([...VLM_FAILURE_KINDS, 'none']),
    objects: z.array(z.string()),
    explanation: z.string(),
  })
  .strict();
export type VlmVerdict = z.infer<typeof VlmVerdictSchema>;

const MONITOR_ERROR: FailureKind = 'monitor-error';

export const NOT_INSPECTED_SUCCESS = 'not inspected: the task succeeded and the program raised no error';
export const NOT_INSPECTED_AFTER_FAILURE = 'not inspected: an earlier checkpoint already failed';
export const NOT_INSPECTED_KIND = 'not inspected: not the end of a subgoal';

export interface VlmMonitorOptions {
  /** Views sent per checkpoint, in this order of preference (default front, top). */
  views?: readonly ViewName[];
  maxTokens?: number;
  temperature?: number;
}

const VIEW_TEXT: Record<ViewName, string> = {
  front: "front (the robot's view: from behind the near edge of the table, looking toward +y and down)",
  top: 'top (straight down; +x to the right, +y up in the image)',
  side: 'side (from the +x side, looking toward -x)',
};

const SYSTEM = [
  'You check the progress of a robot in a tabletop simulation from rendered camera images.',
  "The robot is a gray two-finger gripper floating above a table. z is up; +x is to the robot's right, +y away from it.",
  'Judge only what the images show. ok = true only when the stated condition clearly holds and nothing went wrong',
  '(an object dropped, toppled, knocked off the table, or an object the step does not concern moved).',
  `failureKind: ${VLM_FAILURE_KINDS.join(', ')}, or none when ok. objects: the ids involved. explanation: one or two sentences.`,
].join('\n');

function cm(m: number): string {
  return `${Number((m * 100).toFixed(1))}`;
}

function objectLine(o: ObjectSpec): string {
  const [x, y, z] = o.size;
  const size =
    o.shape === 'sphere'
      ? `Ø${cm(x)} cm`
      : o.shape === 'cylinder' || o.shape === 'bowl'
        ? `Ø${cm(x)}×${cm(z)} cm`
        : `${cm(x)}×${cm(y)}×${cm(z)} cm`;
  return `- ${o.id}: ${o.color} ${o.shape}, ${size}`;
}

/** The checkpoints the model is asked about first, in order: the ends of subgoals. */
function candidates(attempt: AttemptData): Checkpoint[] {
  return attempt.trace.checkpoints.filter((cp) => cp.reason === 'subgoal-end');
}

export class VlmMonitor implements Monitor {
  readonly name = 'vlm' as const;
  readonly needsImages = true;
  /** Tokens the monitor's requests used since it was made (for run records). */
  readonly usage: TokenUsage = { inputTokens: 0, outputTokens: 0 };
  /** Model requests made since it was made. */
  requests = 0;
  private readonly views: readonly ViewName[];
  private readonly maxTokens: number;
  private readonly temperature: number;

  private readonly model: ChatModel;
  constructor(model: ChatModel, opts: VlmMonitorOptions = {}) {
    this.model = model;
    this.views = opts.views ?? ['front', 'top'];
    this.maxTokens = opts.maxTokens ?? 400;
    this.temperature = opts.temperature ?? 0;
  }

  async inspect(attempt: AttemptData, images?: readonly ViewImages[] | null, opts: InspectOptions = {}): Promise<Verdict[]> {
    const cps = attempt.trace.checkpoints;
    const traceFailures = cps.map((_, i) => errorFailure(attempt, cps, i));
    const verdicts: (Verdict | null)[] = cps.map(() => null);
    const finish = (evidence: string): Verdict[] =>
      cps.map((cp, i) => verdicts[i] ?? makeVerdict(cp, traceFailures[i] ? [traceFailures[i]!] : [], [evidence]));

    if (opts.success?.ok === true && attempt.error === null) return finish(NOT_INSPECTED_SUCCESS);

    let failed = false;
    for (const cp of candidates(attempt)) {
      const i = cps.indexOf(cp);
      const subgoal = subgoalOf(attempt.trace, cp);
      const failure = await this.ask(attempt, cp, images?.[i] ?? null, subgoal);
      const all = [traceFailures[i], failure.failure].filter((f): f is Failure => f !== null && f !== undefined);
      verdicts[i] = makeVerdict(cp, all, failure.evidence);
      if (all.length > 0) {
        failed = true;
        break;
      }
    }
    if (!failed && cps.length > 0) {
      // Every subgoal looked done (or there were none): does the end state do the task?
      const i = cps.length - 1;
      const cp = cps[i]!;
      if (cp.reason !== 'error') {
        const failure = await this.ask(attempt, cp, images?.[i] ?? null, null);
        const all = [traceFailures[i], failure.failure].filter((f): f is Failure => f !== null && f !== undefined);
        verdicts[i] = makeVerdict(cp, all, failure.evidence);
      }
    }
    return finish(failed ? NOT_INSPECTED_AFTER_FAILURE : NOT_INSPECTED_KIND);
  }

  /** One request: the checkpoint's images and the condition to check. */
  private async ask(
    attempt: AttemptData,
    cp: Checkpoint,
    views: ViewImages | null,
    subgoal: SubgoalInfo | null,
  ): Promise<{ failure: Failure | null; evidence: string[] }> {
    const pictures = this.views.flatMap((view) => {
      // The renderer's model-size JPEG when it made one (render option rgbJpeg), else the PNG.
      const v = views?.[view];
      const [bytes, mime] = v?.rgbJpeg?.length ? [v.rgbJpeg, 'image/jpeg' as const] : [v?.rgbPng, 'image/png' as const];
      return bytes && bytes.length > 0 ? [{ view, bytes, mime }] : [];
    });
    if (pictures.length === 0) {
      return { failure: monitorError([], 'the checkpoint has no rgb images to look at'), evidence: ['vlm: no images'] };
    }
    const messages = this.messages(attempt, cp, subgoal, pictures);
    let verdict: VlmVerdict;
    try {
      this.requests++;
      const response = await this.model.complete({
        messages,
        schema: VlmVerdictSchema,
        schemaName: 'verdict',
        temperature: this.temperature,
        maxTokens: this.maxTokens,
      });
      this.usage.inputTokens += response.usage.inputTokens;
      this.usage.outputTokens += response.usage.outputTokens;
      verdict = response.parsed ?? VlmVerdictSchema.parse(JSON.parse(response.text));
    } catch (error) {
      if (isModelError(error) && ['auth', 'config', 'replay-miss'].includes(error.kind)) throw error;
      const reason = isModelError(error) ? `${error.kind}: ${error.message}` : ((error as Error)?.message ?? String(error));
      return { failure: monitorError([], `the vision model gave no usable verdict (${reason})`), evidence: [`vlm error: ${reason}`] };
    }
    const evidence = [
      `vlm (${this.model.model}, ${pictures.map((p) => p.view).join('+')}): ${verdict.ok ? 'ok' : verdict.failureKind} — ${verdict.explanation}`,
    ];
    if (verdict.ok) return { failure: null, evidence };
    const known = new Set(attempt.scene.objects.map((o) => o.id));
    let objects = verdict.objects.filter((id) => known.has(id));
    if (objects.length === 0) objects = mentionedObjects(attempt.scene, `${verdict.explanation} ${subgoal?.description ?? ''}`);
    const kind: FailureKind = verdict.failureKind === 'none' ? 'expectation-unmet' : verdict.failureKind;
    const what = subgoal ? `Subgoal ${subgoal.index} "${subgoal.description}"` : 'The task';
    return { failure: { kind, objects, explanation: `${what}, as the vision model sees it: ${verdict.explanation}` }, evidence };
  }

  private messages(
    attempt: AttemptData,
    cp: Checkpoint,
    subgoal: SubgoalInfo | null,
    pictures: { view: ViewName; bytes: Buffer; mime: ImageMime }[],
  ): ChatMessage[] {
    const condition = subgoal
      ? [
          `The step that just ended: "${subgoal.description}".`,
          subgoal.expect
            ? `It should leave this true: ${JSON.stringify(subgoal.expect)} (predicate JSON; ids as listed).`
            : 'It stated no condition: judge whether the step was achieved.',
        ]
      : ['This is the end of the run. Judge whether the whole task is done.'];
    const text = [
      `Task: ${attempt.instruction}`,
      'Objects:',
      ...attempt.scene.objects.map(objectLine),
      '',
      `Checkpoint ${cp.index} ('${cp.label}', t = ${cp.t.toFixed(1)} s).`,
      ...condition,
      `Images: ${pictures.map((p) => VIEW_TEXT[p.view]).join('; ')}.`,
    ].join('\n');
    const content: ContentPart[] = [
      { type: 'text', text },
      ...pictures.map((p): ContentPart => ({ type: 'image', mime: p.mime, data: p.bytes.toString('base64') })),
    ];
    return [
      { role: 'system', content: SYSTEM },
      { role: 'user', content },
    ];
  }
}

function monitorError(objects: string[], explanation: string): Failure {
  return { kind: MONITOR_ERROR, objects, explanation };
}

/** The vlm monitor on a vision-capable ChatModel. */
export function createVlmMonitor(model: ChatModel, opts: VlmMonitorOptions = {}): VlmMonitor {
  return new VlmMonitor(model, opts);
}
