// The episode's monitor: the one asked for, or the state monitor when it needs images and
// there is no browser; and one inspection with the model tokens it spent.

import type { ChatModel } from '../../llm/index.ts';
import type { HeadlessRenderer, Monitor, Verdict, ViewImages } from '../../monitor/index.ts';
import { createMonitor, getRenderer } from '../../monitor/index.ts';
import type { AttemptData, PredicateResult } from '../../sim/index.ts';

export interface MonitorSetup {
  monitor: Monitor;
  /** The renderer for the monitor and the record; null when there is no browser. */
  renderer: HeadlessRenderer | null;
}

export async function setUpMonitor(o: {
  monitor: string;
  renderer?: HeadlessRenderer;
  browserWSEndpoint?: string | null;
  vlmModel?: string | null;
  vlmChat?: ChatModel | null;
  /** Whether the record wants images even if the monitor does not. */
  recordImages: boolean;
  warn: (w: string) => void;
}): Promise<MonitorSetup> {
  // One renderer for the monitor and the record: the process-wide one, or a page in a
  // browser shared by the suite's workers.
  let renderer: HeadlessRenderer | null = o.renderer ?? getRenderer(o.browserWSEndpoint ? { browserWSEndpoint: o.browserWSEndpoint } : {});
  const requested = await createMonitor(o.monitor, { renderer, vlmModel: o.vlmModel ?? null, vlmChat: o.vlmChat ?? null, warn: o.warn });
  if (requested.needsImages || o.recordImages) {
    const why = await renderer.unavailableReason();
    if (why) {
      renderer = null;
      o.warn(
        requested.needsImages
          ? `${why}; the ${requested.name} monitor needs images, falling back to the state monitor`
          : `${why}; no checkpoint images`,
      );
    }
  }
  const monitor = renderer === null && requested.needsImages ? await createMonitor('state', {}) : requested;
  return { monitor, renderer };
}

export interface Inspection {
  verdicts: Verdict[];
  /** All checkpoints ok and no program error; null when no monitor ran. */
  monitorOk: boolean | null;
  tokensIn: number;
  tokensOut: number;
}

export async function inspect(
  monitor: Monitor,
  attempt: AttemptData,
  images: readonly ViewImages[] | null,
  oracleResult: PredicateResult | null,
  onVerdict?: (v: Verdict) => void,
): Promise<Inspection> {
  const before = { ...monitor.usage };
  // Every checkpoint's verdict reaches onVerdict once, in order: as the monitor judges it when
  // it streams (state, pixels), else when inspect() returns.
  let reported = 0;
  const report = onVerdict
    ? (v: Verdict): void => {
        reported++;
        onVerdict(v);
      }
    : undefined;
  const verdicts = await monitor.inspect(attempt, images, { success: oracleResult, ...(report ? { onVerdict: report } : {}) });
  if (onVerdict) for (const v of verdicts.slice(reported)) onVerdict(v);
  return {
    verdicts,
    // The none monitor reports only the program's own errors: it has no view of the world.
    monitorOk: monitor.name === 'none' ? null : verdicts.every((v) => v.ok) && attempt.error === null,
    tokensIn: monitor.usage.inputTokens - before.inputTokens,
    tokensOut: monitor.usage.outputTokens - before.outputTokens,
  };
}
