// Every block (shape box) to its own spot down the left side band (x <= -0.25).
const blocks = getObjects().filter((o) => o.shape === 'box');
const spots = [[-0.33, 0.15], [-0.33, 0], [-0.33, -0.15], [-0.33, 0.26], [-0.33, -0.26]];

blocks.forEach((block, i) => {
  subgoal(`pick up the ${block.color} block`, { expect: { grasped: block.id } });
  pick(block.id);
  subgoal(`put the ${block.color} block on the left side`, { expect: { inRegion: [block.id, 'left_side'] } });
  place(spots[i]);
});
