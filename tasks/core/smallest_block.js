// Compare the blocks by volume and move only the smallest one.
const volume = (o) => o.size[0] * o.size[1] * o.size[2];
const blocks = getObjects().filter((o) => o.shape === 'box');
const smallest = blocks.reduce((a, b) => (volume(b) < volume(a) ? b : a));
const bowl = getObjects().find((o) => o.shape === 'bowl');
log(`smallest block: ${smallest.id}`);

subgoal(`pick up the smallest block (${smallest.id})`, { expect: { grasped: smallest.id } });
pick(smallest.id);

subgoal('put it in the bowl', { expect: { inside: [smallest.id, bowl.id] } });
place(bowl.id);
