import { createWorld } from './sim/index.ts';
const [yaw0, turn] = process.argv.slice(2).map(Number);
const world = await createWorld({ objects: [{ id: 'red_block', shape: 'box', color: 'red', size: [0.04, 0.04, 0.04], mass: 0.051, friction: 0.8, position: [0.1, 0, 0.02], yaw: yaw0! }], zones: [] });
world.pick('red_block');
let k = 0;
world.onStep = (w) => {
  if (k++ % 6) return;
  const p = w.getPose('red_block'); const g = w.getGripper();
  console.log(`t=${w.time.toFixed(3)} grip yaw ${g.yaw.toFixed(3)} obj yaw ${p.yaw.toFixed(3)} obj pos ${p.position.map((v) => v.toFixed(4))} tcp ${g.position.map((v) => v.toFixed(4))} width ${g.width.toFixed(4)}`);
};
try { world.rotateTo(world.getGripper().yaw + turn!); } catch (e) { console.log(String(e)); }
