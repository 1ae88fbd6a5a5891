// The block whose centre is left of the blue bowl's (dx < 0, more across than along y)
// goes on the green block.
const bowl = getObject('blue_bowl');
const isLeftOf = (o, of) => {
  const dx = o.position[0] - of.position[0];
  const dy = o.position[1] - of.position[1];
  return dx < 0 && Math.abs(dx) > Math.abs(dy);
};
const block = getObjects().find((o) => o.shape === 'box' && isLeftOf(o, bowl));

subgoal(`pick up the block left of the blue bowl (the ${block.color} one)`, { expect: { grasped: block.id } });
pick(block.id);

subgoal('place it on the green block', { expect: { on: [block.id, 'green_block'] } });
place('green_block');
