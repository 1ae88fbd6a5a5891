// The bottle stands in the bowl and rises far above its rim, right where the hand comes
// down: take it out and stand it on the table first, then carry the empty bowl.
function freeSpotNear(center, ignore) {
  const objects = getObjects().filter((o) => !ignore.includes(o.id));
  let best = null;
  let bestScore = -Infinity;
  for (let x = -0.3; x <= 0.3001; x += 0.03) {
    for (let y = -0.22; y <= 0.2201; y += 0.03) {
      let clearance = Infinity;
      for (const o of objects) {
        const r = Math.hypot(o.size[0], o.size[1]) / 2;
        clearance = Math.min(clearance, Math.hypot(o.position[0] - x, o.position[1] - y) - r);
      }
      // Stay clear of the purple square, where the bowl goes.
      if (x > -0.28 && x < -0.08 && y > -0.16 && y < 0.04) continue;
      const score = Math.min(clearance, 0.09) - 0.1 * Math.hypot(center[0] - x, center[1] - y);
      if (score > bestScore) {
        bestScore = score;
        best = [x, y];
      }
    }
  }
  return best;
}

const spot = freeSpotNear(getObject('yellow_bowl').position, ['red_bottle']);

subgoal('take the red bottle out of the bowl', { expect: { all: [{ grasped: 'red_bottle' }, { upright: 'red_bottle' }] } });
pick('red_bottle', { liftHeight: 0.12 });
subgoal('stand the bottle on the table', { expect: { all: [{ onTable: 'red_bottle' }, { upright: 'red_bottle' }] } });
place(spot);

subgoal('pick up the empty yellow bowl', { expect: { grasped: 'yellow_bowl' } });
pick('yellow_bowl');
subgoal('put the bowl on the purple square', { expect: { all: [{ inZone: ['yellow_bowl', 'purple_square'] }, { upright: 'yellow_bowl' }] } });
place([-0.18, -0.06]);
