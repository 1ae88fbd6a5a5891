// Stopping a command on SIGINT, SIGTERM or SIGHUP (docs/architecture.md#command-line). The exit
// status says which signal stopped it, as a shell reports a process a signal killed: 128 + the
// signal's number (SIGHUP 129, SIGINT 130, SIGTERM 143). Puppeteer's own signal handlers are off
// (monitor/render/browser.ts): they would close the browser and keep the process alive.

export const SIGNAL_EXIT_CODES = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 } as const;
export type StopSignal = keyof typeof SIGNAL_EXIT_CODES;
const SIGNALS = Object.keys(SIGNAL_EXIT_CODES) as StopSignal[];

/** After the first signal, the process exits by this time (ms) even if its cleanup hangs. */
export const HARD_EXIT_MS = 20_000;

export interface Interrupts {
  /** The first signal received, or null. */
  readonly signal: StopSignal | null;
  /** 128 + the first signal's number, or null when none came. */
  readonly exitCode: number | null;
  /** Removes the handlers (the default disposition returns: a later signal ends the process). */
  dispose(): void;
}

/**
 * Calls `handler` on each SIGINT, SIGTERM or SIGHUP with the signal and how many have come
 * (1 for the first). From the third on the process exits at once with the first signal's code,
 * and HARD_EXIT_MS after the first it exits whatever it is doing.
 */
export function onInterrupt(handler: (signal: StopSignal, count: number) => void): Interrupts {
  let first: StopSignal | null = null;
  let count = 0;
  let hard: NodeJS.Timeout | null = null;
  const code = (): number | null => (first === null ? null : SIGNAL_EXIT_CODES[first]);
  const listener = (signal: NodeJS.Signals): void => {
    const s = signal as StopSignal;
    first ??= s;
    count++;
    if (count >= 3) process.exit(code()!);
    if (hard === null) {
      hard = setTimeout(() => {
        process.stderr.write(`policyloop: still stopping ${HARD_EXIT_MS / 1000} s after ${first}; exiting now\n`);
        process.exit(code()!);
      }, HARD_EXIT_MS);
      hard.unref();
    }
    handler(s, count);
  };
  for (const s of SIGNALS) process.on(s, listener);
  return {
    get signal() {
      return first;
    },
    get exitCode() {
      return code();
    },
    dispose() {
      for (const s of SIGNALS) process.off(s, listener);
      // The hard deadline stays armed: it is unref'd and only ends a process that would not end.
    },
  };
}
