// Lift the red block off the stack and set it down on the clearest nearby spot.
function freeSpotNear(center) {
  const objects = getObjects().filter((o) => o.id !== 'red_block');
  let best = null;
  let bestScore = -Infinity;
  for (let x = -0.3; x <= 0.3001; x += 0.03) {
    for (let y = -0.22; y <= 0.2201; y += 0.03) {
      let clearance = Infinity;
      for (const o of objects) {
        const r = Math.hypot(o.size[0], o.size[1]) / 2;
        clearance = Math.min(clearance, Math.hypot(o.position[0] - x, o.position[1] - y) - r);
      }
      // Enough room for the block and the open fingers; then prefer short carries.
      const score = Math.min(clearance, 0.09) - 0.1 * Math.hypot(center[0] - x, center[1] - y);
      if (score > bestScore) {
        bestScore = score;
        best = [x, y];
      }
    }
  }
  return best;
}

const spot = freeSpotNear(getObject('blue_block').position);

subgoal('pick the red block off the blue block', { expect: { grasped: 'red_block' } });
pick('red_block');

subgoal('put the red block on the table', {
  expect: { all: [{ onTable: 'red_block' }, { not: { on: ['red_block', 'blue_block'] } }] },
});
place(spot);
