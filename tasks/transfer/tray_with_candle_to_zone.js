// The candle stands in the tray and rises far above its rim, right where the hand comes
// down: take it out and stand it on the table first, then carry the empty tray.
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
      // Stay clear of the orange zone, where the tray goes.
      if (x > 0.08 && x < 0.32 && y > -0.14 && y < 0.14) continue;
      const score = Math.min(clearance, 0.09) - 0.1 * Math.hypot(center[0] - x, center[1] - y);
      if (score > bestScore) {
        bestScore = score;
        best = [x, y];
      }
    }
  }
  return best;
}

const spot = freeSpotNear(getObject('green_tray').position, ['pink_candle']);

subgoal('take the pink candle out of the tray', { expect: { all: [{ grasped: 'pink_candle' }, { upright: 'pink_candle' }] } });
pick('pink_candle', { liftHeight: 0.12 });
subgoal('stand the candle on the table', { expect: { all: [{ onTable: 'pink_candle' }, { upright: 'pink_candle' }] } });
place(spot);

subgoal('pick up the empty green tray', { expect: { grasped: 'green_tray' } });
pick('green_tray');
subgoal('put the tray in the orange zone', { expect: { inZone: ['green_tray', 'orange_zone'] } });
place([0.2, 0.0]);
