// Worker-thread entry for the suite pool. The build (scripts/build.js) copies this file to
// dist/policy/suite/, next to the compiled episode-worker.js, which it then loads. The
// source copy (tests, `npx tsx`) has no compiled sibling: worker threads do not inherit a
// TypeScript loader, so it registers tsx (a devDependency) and loads episode-worker.ts.
import { existsSync } from 'node:fs';

const compiled = new URL('./episode-worker.js', import.meta.url);
const source = !existsSync(compiled);
if (source) (await import('tsx/esm/api')).register();
const mod = await import(source ? './episode-worker.ts' : compiled.href);
export default mod.default;
