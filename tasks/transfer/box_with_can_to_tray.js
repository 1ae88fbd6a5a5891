// The can stands on the box: lift it off and stand it on a clear spot of the table, then
// move the box.
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
      const score = Math.min(clearance, 0.09) - 0.1 * Math.hypot(center[0] - x, center[1] - y);
      if (score > bestScore) {
        bestScore = score;
        best = [x, y];
      }
    }
  }
  return best;
}

const spot = freeSpotNear(getObject('blue_box').position, ['orange_can']);

subgoal('lift the orange can off the blue box', { expect: { all: [{ grasped: 'orange_can' }, { upright: 'orange_can' }] } });
pick('orange_can');
subgoal('stand the can on the table', { expect: { all: [{ onTable: 'orange_can' }, { upright: 'orange_can' }] } });
place(spot);

subgoal('pick up the blue box', { expect: { grasped: 'blue_box' } });
pick('blue_box');
subgoal('put the box in the white tray', { expect: { inside: ['blue_box', 'white_tray'] } });
place('white_tray');
