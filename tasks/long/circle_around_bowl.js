// Six spots evenly around the bowl, 13 cm from its centre. The blocks start in front
// (smaller y), so the front spots are filled from the blocks nearest to them: each
// block in turn goes to the free spot closest to where it stands.
const bowl = getObject('white_bowl');
const blocks = getObjects().filter((o) => o.shape === 'box');
const radius = 0.13;
const spots = blocks.map((_, i) => {
  const a = -Math.PI / 2 + (i * 2 * Math.PI) / blocks.length;
  return [bowl.position[0] + radius * Math.cos(a), bowl.position[1] + radius * Math.sin(a)];
});
// Fill the far spots first so the gripper never reaches over a block it has placed.
spots.sort((p, q) => q[1] - p[1]);

for (const spot of spots) {
  const left = blocks.filter((b) => !b.placed);
  left.sort((a, b) => Math.hypot(a.position[0] - spot[0], a.position[1] - spot[1]) - Math.hypot(b.position[0] - spot[0], b.position[1] - spot[1]));
  const block = left[0];
  block.placed = true;
  subgoal(`pick up the ${block.color} block`, { expect: { grasped: block.id } });
  pick(block.id);
  subgoal(`put the ${block.color} block on the circle around the bowl`, {
    expect: { all: [{ onTable: block.id }, { near: [block.id, spot, 0.02] }] },
  });
  place(spot);
}
