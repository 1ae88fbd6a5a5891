import WebSocket from 'ws';
import { startViewer } from '/work/main/viewer/index.ts';
import { ServerMessageSchema } from '/work/main/viewer/protocol.ts';
const v = await startViewer({ port: 0, outRoot: '/tmp/viewer-runs', log: (l) => console.log('[log]', l) });
console.log(v.url);
const ws = new WebSocket(v.url.replace('http', 'ws') + 'ws');
const counts: Record<string, number> = {};
let frames = 0; let firstFrame = 0; let lastFrame = 0; let bad = 0;
const t0 = performance.now();
ws.on('message', (d) => {
  const m = JSON.parse(d.toString());
  const p = ServerMessageSchema.safeParse(m);
  if (!p.success) { bad++; if (bad < 3) console.log('BAD', m.type, JSON.stringify(p.error.issues[0])); }
  counts[m.type] = (counts[m.type] ?? 0) + 1;
  if (m.type === 'frames') { frames += m.frames.length; if (!firstFrame) firstFrame = performance.now(); lastFrame = performance.now(); }
  if (m.type === 'error' || m.type === 'status' || m.type === 'chat' || m.type === 'episode-end') console.log((performance.now() - t0).toFixed(0), m.type, JSON.stringify(m).slice(0, 200));
  if (m.type === 'status' && ['finished', 'failed', 'stopped'].includes(m.status)) {
    console.log(counts, 'frames', frames, 'frame msgs/s', (counts.frames / ((lastFrame - firstFrame) / 1000)).toFixed(1));
    ws.close(); void v.close();
  }
});
ws.on('open', () => {
  ws.send('{"type":"bogus"}');
  ws.send('not json');
  ws.send(JSON.stringify({ type: 'start', task: 'red_on_blue', seed: 0, provider: 'builtin', monitor: 'state', maxRepairs: 1, speed: '4x' }));
});
