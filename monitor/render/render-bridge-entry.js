// Worker-thread entry of the synchronous render bridge: worker threads do not inherit the
// tsx loader the parent thread registered, so this registers it before loading the worker.
import { register } from 'tsx/esm/api';

register();
await import('./render-bridge-worker.ts');
