// The block right of the red bowl (dx > 0, more across than along y) goes to the bottom
// left corner region of the table (x <= -0.25, y <= -0.18): aim inside it, within reach.
const bowl = getObject('red_bowl');
const isRightOf = (o, of) => {
  const dx = o.position[0] - of.position[0];
  const dy = o.position[1] - of.position[1];
  return dx > 0 && Math.abs(dx) > Math.abs(dy);
};
const block = getObjects().find((o) => o.shape === 'box' && isRightOf(o, bowl));

subgoal(`pick up the block right of the red bowl (the ${block.color} one)`, { expect: { grasped: block.id } });
pick(block.id);

subgoal('put it in the bottom left corner', { expect: { inRegion: [block.id, 'bottom_left_corner'] } });
place([-0.33, -0.24]);
