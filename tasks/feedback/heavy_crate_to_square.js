// The crate cannot be lifted: push it to the square's centre, then correct once.
const goal = [0.04, 0.1];
function pushTowards(id, target) {
  const p = getObject(id).position;
  const dx = target[0] - p[0];
  const dy = target[1] - p[1];
  const d = Math.hypot(dx, dy);
  if (d > 0.01) push(id, [dx / d, dy / d], d);
}

subgoal('push the brown crate onto the blue square', {
  expect: { all: [{ inZone: ['brown_crate', 'blue_square'] }, { onTable: 'brown_crate' }] },
});
pushTowards('brown_crate', goal);
pushTowards('brown_crate', goal);
