// Sort the blocks by size; the biggest stays where it is and each next one goes on top.
const blocks = getObjects()
  .filter((o) => o.shape === 'box')
  .sort((a, b) => b.size[0] * b.size[1] * b.size[2] - a.size[0] * a.size[1] * a.size[2]);

for (let i = 1; i < blocks.length; i++) {
  const block = blocks[i];
  const below = blocks[i - 1];
  subgoal(`pick up the ${block.color} block`, { expect: { grasped: block.id } });
  pick(block.id);
  subgoal(`put the ${block.color} block on the ${below.color} block`, { expect: { on: [block.id, below.id] } });
  place(below.id);
}
