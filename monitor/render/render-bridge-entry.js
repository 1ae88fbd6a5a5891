// Worker-thread entry of the synchronous render bridge. The build (scripts/build.js)
// copies this file to dist/monitor/render/, next to the compiled render-bridge-worker.js,
// which it then loads. The source copy (tests, `npx tsx`) has no compiled sibling: worker
// threads do not inherit a TypeScript loader, so it registers tsx (a devDependency) and
// loads render-bridge-worker.ts.
import { existsSync } from 'node:fs';

const compiled = new URL('./render-bridge-worker.js', import.meta.url);
const source = !existsSync(compiled);
if (source) (await import('tsx/esm/api')).register();
await import(source ? './render-bridge-worker.ts' : compiled.href);
