// The stick stands in the cup and rises far above its rim, right where the hand comes
// down: take it out and stand it on the table first, then carry the empty cup.
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
      // Stay clear of the red square, where the cup goes.
      if (x > 0.05 && x < 0.25 && y > -0.1 && y < 0.1) continue;
      const score = Math.min(clearance, 0.09) - 0.1 * Math.hypot(center[0] - x, center[1] - y);
      if (score > bestScore) {
        bestScore = score;
        best = [x, y];
      }
    }
  }
  return best;
}

const spot = freeSpotNear(getObject('green_cup').position, ['purple_stick']);

subgoal('take the purple stick out of the cup', { expect: { all: [{ grasped: 'purple_stick' }, { upright: 'purple_stick' }] } });
pick('purple_stick', { liftHeight: 0.12 });
subgoal('stand the stick on the table', { expect: { all: [{ onTable: 'purple_stick' }, { upright: 'purple_stick' }] } });
place(spot);

subgoal('pick up the empty green cup', { expect: { grasped: 'green_cup' } });
pick('green_cup');
subgoal('put the cup on the red square', { expect: { all: [{ inZone: ['green_cup', 'red_square'] }, { upright: 'green_cup' }] } });
place([0.15, 0.0]);
