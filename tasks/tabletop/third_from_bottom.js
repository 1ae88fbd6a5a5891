// Count the blocks by their centres' y from the bottom of the image (smallest y first).
const block = getObjects()
  .filter((o) => o.shape === 'box')
  .sort((a, b) => a.position[1] - b.position[1])[2];

subgoal(`pick up the third block from the bottom (the ${block.color} one)`, { expect: { grasped: block.id } });
pick(block.id);

subgoal('drop it into the orange bowl', { expect: { inside: [block.id, 'orange_bowl'] } });
place('orange_bowl');
