// Thread entry of the sandbox (policy/program/sandbox.ts). The build (scripts/build.js)
// copies this file to dist/policy/program/, next to the compiled sandbox-worker.js, which
// it then loads. The source copy (tests, `npx tsx`) has no compiled sibling: worker
// threads do not inherit a TypeScript loader, so it registers tsx (a devDependency) and
// loads sandbox-worker.ts.
import { existsSync } from 'node:fs';

const compiled = new URL('./sandbox-worker.js', import.meta.url);
const source = !existsSync(compiled);
if (source) (await import('tsx/esm/api')).register();
await import(source ? './sandbox-worker.ts' : compiled.href);
