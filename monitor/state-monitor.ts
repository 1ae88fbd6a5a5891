// The state monitor: judges every checkpoint on the recorded (privileged) snapshot.

import type { AttemptData } from '../sim/index.ts';
import { judgeCheckpoints } from './checkpoint-checks.ts';
import { snapshotFromScene } from './scene-snapshot.ts';
import type { Monitor, Verdict } from './verdict.ts';
import { NO_MODEL_USAGE } from './verdict.ts';

export class StateMonitor implements Monitor {
  readonly name = 'state' as const;
  readonly usage = NO_MODEL_USAGE;
  readonly needsImages = false;

  async inspect(attempt: AttemptData): Promise<Verdict[]> {
    return this.inspectSync(attempt);
  }

  inspectSync(attempt: AttemptData): Verdict[] {
    const observed = attempt.trace.checkpoints.map((c) => c.snapshot);
    return judgeCheckpoints(attempt, observed, snapshotFromScene(attempt.scene));
  }
}
