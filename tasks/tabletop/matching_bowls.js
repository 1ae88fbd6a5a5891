// Each block into the bowl of its colour.
const objects = getObjects();
const blocks = objects.filter((o) => o.shape === 'box');
const bowls = objects.filter((o) => o.shape === 'bowl');

for (const block of blocks) {
  const bowl = bowls.find((b) => b.color === block.color);
  subgoal(`pick up the ${block.color} block`, { expect: { grasped: block.id } });
  pick(block.id);
  subgoal(`put it in the ${bowl.color} bowl`, { expect: { inside: [block.id, bowl.id] } });
  place(bowl.id);
}
