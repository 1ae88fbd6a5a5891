// Worker-thread entry for the suite pool: worker threads do not inherit the tsx loader
// registered by the main thread, so each worker registers it before loading the TS worker.
import { register } from 'tsx/esm/api';

register();
const mod = await import('./episode-worker.ts');
export default mod.default;
