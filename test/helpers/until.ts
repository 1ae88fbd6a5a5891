// Polling for something asynchronous to happen (socket messages, a worker's progress).

/**
 * Resolves once `cond()` is true, checking every 20 ms; after `ms` it rejects with
 * "timed out after <ms> ms waiting for <what>", so a failure says what never came.
 */
export async function until(cond: () => boolean, what: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
