// Rank the blocks by the horizontal distance of their centres from the purple bowl's:
// the last one goes on the first.
const bowl = getObject('purple_bowl');
const gap = (o) => Math.hypot(o.position[0] - bowl.position[0], o.position[1] - bowl.position[1]);
const blocks = getObjects()
  .filter((o) => o.shape === 'box')
  .sort((a, b) => gap(a) - gap(b));
const nearest = blocks[0];
const farthest = blocks[blocks.length - 1];

subgoal(`pick up the block farthest from the purple bowl (the ${farthest.color} one)`, { expect: { grasped: farthest.id } });
pick(farthest.id);

subgoal(`set it down on the block nearest the bowl (the ${nearest.color} one)`, { expect: { on: [farthest.id, nearest.id] } });
place(nearest.id);
