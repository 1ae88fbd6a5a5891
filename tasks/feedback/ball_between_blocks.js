// A pushed ball rolls on about 3.7 cm: aim the push that much short of the gap's middle,
// then correct from where it stopped.
const red = getObject('red_block').position;
const blue = getObject('blue_block').position;
const goal = [(red[0] + blue[0]) / 2, (red[1] + blue[1]) / 2];
const ROLL = 0.037;

subgoal('push the green ball into the gap between the blocks', {
  expect: { all: [{ near: ['green_ball', goal, 0.015] }, { unmoved: ['red_block', 0.01] }, { unmoved: ['blue_block', 0.01] }] },
});
for (let i = 0; i < 3; i++) {
  const p = getObject('green_ball').position;
  const dx = goal[0] - p[0];
  const dy = goal[1] - p[1];
  const d = Math.hypot(dx, dy);
  if (d < 0.008) break;
  push('green_ball', [dx / d, dy / d], Math.max(0.005, d - ROLL));
}
