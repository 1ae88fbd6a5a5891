// Rank the blocks by the horizontal distance of their centres from the yellow bowl's.
const bowl = getObject('yellow_bowl');
const gap = (o) => Math.hypot(o.position[0] - bowl.position[0], o.position[1] - bowl.position[1]);
const block = getObjects()
  .filter((o) => o.shape === 'box')
  .sort((a, b) => gap(a) - gap(b))[0];

subgoal(`pick up the block closest to the yellow bowl (the ${block.color} one)`, { expect: { grasped: block.id } });
pick(block.id);

subgoal('put it in the green bowl', { expect: { inside: [block.id, 'green_bowl'] } });
place('green_bowl');
