// Set the green block down just left (-x) of the yellow one, nudging the spot along y
// if a distractor is in the way.
const yellow = getObject('yellow_block');
const green = getObject('green_block');
const reach = (o) => Math.hypot(o.size[0], o.size[1]) / 2;
const dx = reach(yellow) + reach(green) + 0.008;
const others = getObjects().filter((o) => o.id !== 'green_block' && o.id !== 'yellow_block');

let spot = null;
let bestClearance = -Infinity;
for (const dy of [0, 0.02, -0.02, 0.035, -0.035]) {
  const p = [yellow.position[0] - dx, yellow.position[1] + dy];
  let clearance = Infinity;
  for (const o of others) clearance = Math.min(clearance, Math.hypot(o.position[0] - p[0], o.position[1] - p[1]) - reach(o) - reach(green));
  if (clearance > 0.01) {
    spot = p;
    break;
  }
  if (clearance > bestClearance) {
    bestClearance = clearance;
    spot = p;
  }
}

subgoal('pick up the green block', { expect: { grasped: 'green_block' } });
pick('green_block');

subgoal('put it just left of the yellow block', {
  expect: { all: [{ ordered: { ids: ['green_block', 'yellow_block'], axis: 'x' } }, { near: ['green_block', 'yellow_block', 0.09] }] },
});
place(spot);
