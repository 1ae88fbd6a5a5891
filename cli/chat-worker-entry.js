// Worker-thread entry of `policyloop chat`'s session: worker threads do not inherit the
// tsx loader the main thread registered, so this registers it before loading the
// TypeScript worker (as viewer/live-worker-entry.js).
import { register } from 'tsx/esm/api';

register();
await import('./chat-worker.ts');
