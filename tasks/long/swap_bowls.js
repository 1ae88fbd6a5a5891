// The red block waits on a clear spot of the table while the blue block moves to its
// bowl; then red goes to the red bowl, and green and yellow side by side into the tray.
function clearSpot() {
  const objects = getObjects();
  let best = null;
  let bestClearance = -Infinity;
  for (let x = -0.33; x <= 0.3301; x += 0.03) {
    for (let y = -0.22; y <= 0.2201; y += 0.03) {
      let clearance = Infinity;
      for (const o of objects) {
        if (getGripper().holding === o.id) continue;
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

subgoal('take the red block out of the blue bowl', { expect: { grasped: 'red_block' } });
pick('red_block');
subgoal('set the red block down on a clear spot', { expect: { onTable: 'red_block' } });
place(clearSpot());

subgoal('take the blue block out of the red bowl', { expect: { grasped: 'blue_block' } });
pick('blue_block');
subgoal('put the blue block in the blue bowl', { expect: { inside: ['blue_block', 'blue_bowl'] } });
place('blue_bowl');

subgoal('pick up the red block', { expect: { grasped: 'red_block' } });
pick('red_block');
subgoal('put the red block in the red bowl', { expect: { inside: ['red_block', 'red_bowl'] } });
place('red_bowl');

const yaw = getPose('gray_tray').yaw;
const quarter = Math.PI / 2;
[
  ['green_block', -0.05],
  ['yellow_block', 0.05],
].forEach(([id, d]) => {
  const name = id.replace('_', ' ');
  subgoal(`pick up the ${name}`, { expect: { grasped: id } });
  pick(id);
  subgoal(`put the ${name} in the tray`, { expect: { inside: [id, 'gray_tray'] } });
  const rel = getPose(id).yaw - yaw;
  place('gray_tray', { offset: [d * Math.cos(yaw), d * Math.sin(yaw)], yaw: yaw + Math.round(rel / quarter) * quarter });
});
