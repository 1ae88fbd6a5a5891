// A suite-worker stand-in for store.test.ts: opens the knowledge base read-only and calls
// candidates() and stats() in a loop until the main thread raises the stop flag, checking
// that every snapshot it sees is whole (the writer adds entries in batches of BATCH).
// workerData.stop: Int32 [0] stop flag (main sets it), [1] readers ready (each adds 1).
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { KnowledgeBase } = await import('../../policy/knowledge/store.ts');

const { file, stop, batch, initial } = workerData;
const flag = new Int32Array(stop);
const errors = [];
let iterations = 0;
let last = 0;
let candidates = 0;
const kb = KnowledgeBase.open(file, { readonly: true });
Atomics.add(flag, 1, 1); // ready
try {
  while (Atomics.load(flag, 0) === 0 || iterations < 20) {
    try {
      candidates += kb.candidates({ text: 'grasp the slippery bottle from the side', shapes: ['cylinder'] }).length;
      const n = kb.stats().entries;
      if (n < last) errors.push(`entry count went down: ${last} → ${n}`);
      if ((n - initial) % batch !== 0) errors.push(`a partial batch: ${n} entries`);
      last = n;
    } catch (err) {
      errors.push(String(err.message ?? err));
      if (errors.length > 20) break;
    }
    iterations++;
  }
} finally {
  kb.close();
}
parentPort.postMessage({ iterations, errors, last, candidates });
