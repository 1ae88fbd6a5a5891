// Rank the blocks by volume; the two largest go in the bowl, one each side of its middle
// along y, squared to the table, so the fingers (closing along x) open clear of the walls.
const blocks = getObjects()
  .filter((o) => o.shape === 'box')
  .sort((a, b) => b.size[0] * b.size[1] * b.size[2] - a.size[0] * a.size[1] * a.size[2]);
const offsets = [[0, 0.027], [0, -0.027]];

blocks.slice(0, 2).forEach((block, i) => {
  subgoal(`pick up the ${block.color} block (number ${i + 1} by size)`, { expect: { grasped: block.id } });
  pick(block.id);
  subgoal(`put it in the brown bowl`, { expect: { inside: [block.id, 'brown_bowl'] } });
  place('brown_bowl', { offset: offsets[i], yaw: 0 });
});
