// A pushed ball rolls on after the pusher stops, the further the faster it was pushed:
// push slowly and about 4 cm short of the square's centre, wait for it to stop, then nudge
// from wherever it came to rest.
const goal = [-0.055, 0.095];
const ROLL = 0.04;

subgoal('push the yellow ball slowly onto the white square', {
  expect: { all: [{ inZone: ['yellow_ball', 'white_square'] }, { onTable: 'yellow_ball' }] },
});
for (let i = 0; i < 4; i++) {
  const p = getObject('yellow_ball').position;
  const dx = goal[0] - p[0];
  const dy = goal[1] - p[1];
  const d = Math.hypot(dx, dy);
  if (d < 0.01) break;
  push('yellow_ball', [dx / d, dy / d], Math.max(0.005, d - ROLL), { speed: 0.05 });
  wait(1);
}
