// A pushed ball rolls on about 3.7 cm after the pusher stops: push that much short of the
// spot's centre, then correct from wherever it came to rest.
const goal = [0.13, -0.02];
const ROLL = 0.037;

subgoal('push the orange ball onto the white spot', {
  expect: { all: [{ inZone: ['orange_ball', 'white_spot'] }, { onTable: 'orange_ball' }] },
});
for (let i = 0; i < 3; i++) {
  const p = getObject('orange_ball').position;
  const dx = goal[0] - p[0];
  const dy = goal[1] - p[1];
  const d = Math.hypot(dx, dy);
  if (d < 0.01) break;
  push('orange_ball', [dx / d, dy / d], Math.max(0.005, d - ROLL));
}
