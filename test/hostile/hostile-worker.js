// Test-only suite worker (SuiteOptions.workerModule) for the hostile corpus: piscina loads
// it in a worker thread, which has no TypeScript loader, so it registers tsx (as the real
// worker-entry.js does from the sources) and runs hostile-episode.ts.
(await import('tsx/esm/api')).register();
const mod = await import('./hostile-episode.ts');
export default mod.default;
