// For every block, find the bowl with its colour and put the block in it.
const objects = getObjects();
const blocks = objects.filter((o) => o.shape === 'box');

for (const block of blocks) {
  const bowl = objects.find((o) => o.shape === 'bowl' && o.color === block.color);
  subgoal(`pick up the ${block.color} block`, { expect: { grasped: block.id } });
  pick(block.id);

  subgoal(`put the ${block.color} block in the ${block.color} bowl`, { expect: { inside: [block.id, bowl.id] } });
  place(bowl.id);
}
