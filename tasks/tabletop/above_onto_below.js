// "Above" and "below" the bowl as the top camera shows them: the block whose centre is
// further from the bowl's along +y (resp. -y) than along x.
const bowl = getObject('yellow_bowl');
const side = (o, of) => {
  const dx = o.position[0] - of.position[0];
  const dy = o.position[1] - of.position[1];
  if (Math.abs(dx) > Math.abs(dy)) return dx < 0 ? 'left' : 'right';
  return dy > 0 ? 'top' : 'bottom';
};
const blocks = getObjects().filter((o) => o.shape === 'box');
const upper = blocks.find((o) => side(o, bowl) === 'top');
const lower = blocks.find((o) => side(o, bowl) === 'bottom');

subgoal(`pick up the block above the yellow bowl (the ${upper.color} one)`, { expect: { grasped: upper.id } });
pick(upper.id);

subgoal(`put it on the block below the bowl (the ${lower.color} one)`, { expect: { on: [upper.id, lower.id] } });
place(lower.id);
