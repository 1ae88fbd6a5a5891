// Blocks and bowls listed in the same colour order; block i goes in bowl i + 1 (a cycle,
// so no block meets its own colour and every bowl gets one).
const objects = getObjects();
const blocks = objects.filter((o) => o.shape === 'box').sort((a, b) => a.color.localeCompare(b.color));
const bowls = objects.filter((o) => o.shape === 'bowl').sort((a, b) => a.color.localeCompare(b.color));

blocks.forEach((block, i) => {
  const bowl = bowls[(i + 1) % bowls.length];
  subgoal(`pick up the ${block.color} block`, { expect: { grasped: block.id } });
  pick(block.id);
  subgoal(`put it in the ${bowl.color} bowl`, { expect: { inside: [block.id, bowl.id] } });
  place(bowl.id);
});
