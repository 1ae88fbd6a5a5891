// The box cannot be lifted: push it in a straight line to the zone's centre, then correct
// with a second push if it stopped short or drifted.
const goal = [0.17, -0.03];
function pushTowards(id, target) {
  const p = getObject(id).position;
  const dx = target[0] - p[0];
  const dy = target[1] - p[1];
  const d = Math.hypot(dx, dy);
  if (d > 0.01) push(id, [dx / d, dy / d], d);
}

subgoal('push the gray box into the yellow zone', {
  expect: { all: [{ inZone: ['gray_box', 'yellow_zone'] }, { onTable: 'gray_box' }] },
});
pushTowards('gray_box', goal);
pushTowards('gray_box', goal);
