// Choose a clear building site, set red and blue down there side by side with a small
// gap, squared to the table axes, then bridge them with the yellow block centred over
// the gap. Blue goes beside red along the axis its fingers do NOT close on, so no
// finger comes down between the two base blocks.
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

// The multiple of 90° nearest the held block's yaw: squares it with the least turn.
function squaredYaw(id) {
  const quarter = Math.PI / 2;
  return Math.round(getPose(id).yaw / quarter) * quarter;
}

const site = clearSite();
const spacing = 0.043; // 4 cm blocks 3 mm apart: the yellow centre then lies over both tops

subgoal('pick up the red block', { expect: { grasped: 'red_block' } });
pick('red_block');
subgoal('put the red block on the building site', { expect: { onTable: 'red_block' } });
place(site, { yaw: squaredYaw('red_block') });

subgoal('pick up the blue block', { expect: { grasped: 'blue_block' } });
pick('blue_block');
const blueYaw = squaredYaw('blue_block');
const gripperYaw = getGripper().yaw + (blueYaw - getPose('blue_block').yaw);
// Perpendicular to the closing axis: the fingers stay clear of the red block.
const side = [-Math.sin(gripperYaw), Math.cos(gripperYaw)];
const red = getObject('red_block').position;
subgoal('put the blue block right beside the red block', {
  expect: { all: [{ onTable: 'blue_block' }, { near: ['blue_block', 'red_block', 0.05] }] },
});
place([red[0] + side[0] * spacing, red[1] + side[1] * spacing], { yaw: blueYaw });

subgoal('pick up the yellow block', { expect: { grasped: 'yellow_block' } });
pick('yellow_block');
subgoal('bridge the two blocks with the yellow block', {
  expect: { all: [{ on: ['yellow_block', 'red_block'] }, { on: ['yellow_block', 'blue_block'] }] },
});
const a = getObject('red_block').position;
const b = getObject('blue_block').position;
place('red_block', { offset: [(b[0] - a[0]) / 2, (b[1] - a[1]) / 2], yaw: squaredYaw('yellow_block') });
