import { createWorld } from './sim/index.ts';
import { runAttempt } from './policy/index.ts';
const turns = [1.7, 1.8, -1.7, -2.0];
for (const yaw0 of [-0.3, 0, 0.3]) for (const turn of turns) {
  const world = await createWorld({ objects: [{ id: 'red_block', shape: 'box', color: 'red', size: [0.04, 0.04, 0.04], mass: 0.051, friction: 0.8, position: [0.1, 0, 0.02], yaw: yaw0 }], zones: [] });
  const program = `pick('red_block'); const g = getGripper(); log('grip yaw', g.yaw, 'width', g.width); rotateTo(g.yaw + ${turn}); log('after', getGripper().holding); moveTo([0.1, 0.1, 0.15]); log('moved', getGripper().holding, getGripper().yaw);`;
  const r = await runAttempt({ world, program });
  const logs = r.trace.events.filter((e) => e.type === 'log').map((e) => (e as any).message);
  console.log(yaw0, turn, r.error?.message ?? 'ok', logs.join(' | '));
  world.free();
}
