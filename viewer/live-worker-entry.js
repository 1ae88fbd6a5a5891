// Worker-thread entry of a live episode. The build (scripts/build.js) copies this file to
// dist/viewer/, next to the compiled live-worker.js, which it then loads. The source copy
// (tests, `npx tsx`) has no compiled sibling: worker threads do not inherit a TypeScript
// loader, so it registers tsx (a devDependency) and loads live-worker.ts.
import { existsSync } from 'node:fs';

const compiled = new URL('./live-worker.js', import.meta.url);
const source = !existsSync(compiled);
if (source) (await import('tsx/esm/api')).register();
await import(source ? './live-worker.ts' : compiled.href);
