// Push the block in a straight line from where it is to the centre of the green zone
// (the zone spans x 0.12..0.26, y -0.08..0.06).
const goal = [0.19, -0.01];
const start = getObject('orange_block').position;
const dx = goal[0] - start[0];
const dy = goal[1] - start[1];
const dist = Math.hypot(dx, dy);

subgoal('push the orange block into the green zone', {
  expect: { all: [{ inZone: ['orange_block', 'green_zone'] }, { onTable: 'orange_block' }] },
});
push('orange_block', [dx / dist, dy / dist], dist);
