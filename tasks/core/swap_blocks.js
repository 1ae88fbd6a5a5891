// Park the red block on a free spot, move blue to red's place, then red to blue's.
const redStart = getObject('red_block').position;
const blueStart = getObject('blue_block').position;

// The grid point farthest from every object (and from the two spots we need).
function freeSpot(avoid) {
  const objects = getObjects();
  let best = null;
  let bestClearance = -Infinity;
  for (let x = -0.3; x <= 0.3001; x += 0.03) {
    for (let y = -0.22; y <= 0.2201; y += 0.03) {
      let clearance = Infinity;
      for (const o of objects) {
        const r = Math.hypot(o.size[0], o.size[1]) / 2;
        clearance = Math.min(clearance, Math.hypot(o.position[0] - x, o.position[1] - y) - r);
      }
      for (const p of avoid) clearance = Math.min(clearance, Math.hypot(p[0] - x, p[1] - y) - 0.03);
      if (clearance > bestClearance) {
        bestClearance = clearance;
        best = [x, y];
      }
    }
  }
  return best;
}

const parking = freeSpot([redStart, blueStart]);

subgoal('pick up the red block', { expect: { grasped: 'red_block' } });
pick('red_block');
subgoal('park the red block on a free spot', { expect: { near: ['red_block', parking, 0.02] } });
place(parking);

subgoal('pick up the blue block', { expect: { grasped: 'blue_block' } });
pick('blue_block');
subgoal("put the blue block where the red block was", { expect: { near: ['blue_block', [redStart[0], redStart[1]], 0.02] } });
place([redStart[0], redStart[1]]);

subgoal('pick up the red block again', { expect: { grasped: 'red_block' } });
pick('red_block');
subgoal("put the red block where the blue block was", { expect: { near: ['red_block', [blueStart[0], blueStart[1]], 0.02] } });
place([blueStart[0], blueStart[1]]);
