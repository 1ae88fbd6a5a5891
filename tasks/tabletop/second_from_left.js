// Count the blocks by their centres' x: the second smallest x goes on the largest.
const blocks = getObjects()
  .filter((o) => o.shape === 'box')
  .sort((a, b) => a.position[0] - b.position[0]);
const second = blocks[1];
const rightmost = blocks[blocks.length - 1];

subgoal(`pick up the second block from the left (the ${second.color} one)`, { expect: { grasped: second.id } });
pick(second.id);

subgoal(`put it on the first block from the right (the ${rightmost.color} one)`, { expect: { on: [second.id, rightmost.id] } });
place(rightmost.id);
