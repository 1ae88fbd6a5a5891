// The vase stands on the box: lift it off and stand it on a clear spot of the table, then
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

const spot = freeSpotNear(getObject('brown_box').position, ['pink_vase']);

subgoal('lift the pink vase off the brown box', { expect: { all: [{ grasped: 'pink_vase' }, { upright: 'pink_vase' }] } });
pick('pink_vase');
subgoal('stand the vase on the table', { expect: { all: [{ onTable: 'pink_vase' }, { upright: 'pink_vase' }] } });
place(spot);

subgoal('pick up the brown box', { expect: { grasped: 'brown_box' } });
pick('brown_box');
subgoal('put the box in the gray tray', { expect: { inside: ['brown_box', 'gray_tray'] } });
place('gray_tray');
