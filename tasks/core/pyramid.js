// Choose a clear building site, put red and blue there 5.2 cm apart (a 1.2 cm gap),
// squared to the x axis, then bridge them with the yellow block.
function clearSite() {
  const objects = getObjects();
  let best = null;
  let bestClearance = -Infinity;
  for (let x = -0.28; x <= 0.2801; x += 0.03) {
    for (let y = -0.2; y <= 0.2001; y += 0.03) {
      let clearance = Infinity;
      for (const o of objects) {
        const r = Math.hypot(o.size[0], o.size[1]) / 2;
        clearance = Math.min(clearance, Math.hypot(o.position[0] - x, o.position[1] - y) - r);
      }
      if (clearance > bestClearance) {
        bestClearance = clearance;
        best = [x, y];
      }
    }
  }
  return best;
}

const site = clearSite();
const half = 0.026;

subgoal('pick up the red block', { expect: { grasped: 'red_block' } });
pick('red_block');
subgoal('put the red block at the left of the site', { expect: { onTable: 'red_block' } });
place([site[0] - half, site[1]], { yaw: 0 });

subgoal('pick up the blue block', { expect: { grasped: 'blue_block' } });
pick('blue_block');
subgoal('put the blue block beside the red block', { expect: { near: ['blue_block', 'red_block', 0.06] } });
place([site[0] + half, site[1]], { yaw: 0 });

subgoal('pick up the yellow block', { expect: { grasped: 'yellow_block' } });
pick('yellow_block');
subgoal('bridge the two blocks with the yellow block', {
  expect: { all: [{ on: ['yellow_block', 'red_block'] }, { on: ['yellow_block', 'blue_block'] }] },
});
place('red_block', { offset: [half, 0] });
