// Worker-thread entry of a live episode: worker threads do not inherit the tsx loader
// the main thread registered, so this registers it before loading the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./live-worker.ts');
