// Worker-thread entry of `policyloop chat`'s session. The build (scripts/build.js) copies
// this file to dist/cli/, next to the compiled chat-worker.js, which it then loads. The
// source copy (tests, `npx tsx`) has no compiled sibling: worker threads do not inherit a
// TypeScript loader, so it registers tsx (a devDependency) and loads chat-worker.ts.
import { existsSync } from 'node:fs';

const compiled = new URL('./chat-worker.js', import.meta.url);
const source = !existsSync(compiled);
if (source) (await import('tsx/esm/api')).register();
await import(source ? './chat-worker.ts' : compiled.href);
