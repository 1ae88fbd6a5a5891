// The biggest block goes to the corner first; the others stack on it, each on the last.
const blocks = getObjects()
  .filter((o) => o.shape === 'box')
  .sort((a, b) => b.size[0] - a.size[0]);
const corner = [0.33, -0.24];

const base = blocks[0];
subgoal(`pick up the ${base.color} block`, { expect: { grasped: base.id } });
pick(base.id);
subgoal('put it in the bottom right corner', { expect: { all: [{ onTable: base.id }, { inRegion: [base.id, 'bottom_right_corner'] }] } });
place(corner, { yaw: 0 });

for (let i = 1; i < blocks.length; i++) {
  const block = blocks[i];
  const below = blocks[i - 1];
  subgoal(`pick up the ${block.color} block`, { expect: { grasped: block.id } });
  pick(block.id);
  subgoal(`stack it on the ${below.color} block`, { expect: { on: [block.id, below.id] } });
  place(below.id);
}
