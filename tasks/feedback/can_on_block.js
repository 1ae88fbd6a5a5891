// The can stands on the block: lift it off and stand it on a clear spot of the table, then
// move the block.
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

const spot = freeSpotNear(getObject('green_block').position, ['yellow_can']);

subgoal('lift the yellow can off the green block', { expect: { all: [{ grasped: 'yellow_can' }, { upright: 'yellow_can' }] } });
pick('yellow_can');
subgoal('stand the can on the table', { expect: { all: [{ onTable: 'yellow_can' }, { upright: 'yellow_can' }] } });
place(spot);

subgoal('pick up the green block', { expect: { grasped: 'green_block' } });
pick('green_block');
subgoal('put the block in the blue bowl', { expect: { inside: ['green_block', 'blue_bowl'] } });
place('blue_bowl');
