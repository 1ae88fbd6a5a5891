// The chest cannot be lifted: push it in a straight line to the zone's centre, then
// correct with a second push if it stopped short or drifted.
const goal = [-0.19, -0.03];
function pushTowards(id, target) {
  const p = getObject(id).position;
  const dx = target[0] - p[0];
  const dy = target[1] - p[1];
  const d = Math.hypot(dx, dy);
  if (d > 0.01) push(id, [dx / d, dy / d], d);
}

subgoal('push the black chest into the cyan zone', {
  expect: { all: [{ inZone: ['black_chest', 'cyan_zone'] }, { onTable: 'black_chest' }] },
});
pushTowards('black_chest', goal);
pushTowards('black_chest', goal);
