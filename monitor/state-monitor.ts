// The state monitor: judges every checkpoint on the recorded (privileged) snapshot.

import type { AttemptData } from '../sim/index.ts';
import { judgeCheckpoints } from './checkpoint-checks.ts';
import { snapshotFromScene } from './scene-snapshot.ts';
import type { InspectOptions, Monitor, Verdict } from './verdict.ts';
import { NO_MODEL_USAGE } from './verdict.ts';

export class StateMonitor implements Monitor {
  readonly name = 'state' as const;
  readonly usage = NO_MODEL_USAGE;
  readonly needsImages = false;

  async inspect(attempt: AttemptData, _images?: unknown, opts: InspectOptions = {}): Promise<Verdict[]> {
    const verdicts = this.inspectSync(attempt);
    for (const v of verdicts) opts.onVerdict?.(v);
    return verdicts;
  }

  inspectSync(attempt: AttemptData): Verdict[] {
    const observed = attempt.trace.checkpoints.map((c) => c.snapshot);
    return judgeCheckpoints(attempt, observed, snapshotFromScene(attempt.scene));
  }
}
