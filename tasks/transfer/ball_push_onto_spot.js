// A pushed ball rolls on after the pusher stops, the further the faster it was pushed:
// push slowly and about 4 cm short of the spot's centre, wait for it to stop, then nudge
// from wherever it came to rest.
const goal = [0.13, -0.06];
const ROLL = 0.04;

subgoal('push the red ball slowly onto the black spot', {
  expect: { all: [{ inZone: ['red_ball', 'black_spot'] }, { onTable: 'red_ball' }] },
});
for (let i = 0; i < 4; i++) {
  const p = getObject('red_ball').position;
  const dx = goal[0] - p[0];
  const dy = goal[1] - p[1];
  const d = Math.hypot(dx, dy);
  if (d < 0.01) break;
  push('red_ball', [dx / d, dy / d], Math.max(0.005, d - ROLL), { speed: 0.05 });
  wait(1);
}
