// The `none` monitor: no perception. Every checkpoint is ok except where the program
// itself raised an error (a fact of the trace, not of the world).

import type { AttemptData } from '../sim/index.ts';
import { errorFailure } from './checkpoint-checks.ts';
import { makeVerdict } from './verdict.ts';
import type { Monitor, Verdict } from './verdict.ts';
import { NO_MODEL_USAGE } from './verdict.ts';

export class NoneMonitor implements Monitor {
  readonly name = 'none' as const;
  readonly usage = NO_MODEL_USAGE;
  readonly needsImages = false;

  async inspect(attempt: AttemptData): Promise<Verdict[]> {
    const cps = attempt.trace.checkpoints;
    return cps.map((cp, i) => {
      const f = errorFailure(attempt, cps, i);
      return makeVerdict(cp, f ? [f] : []);
    });
  }
}
