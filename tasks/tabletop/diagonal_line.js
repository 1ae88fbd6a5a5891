// A 45-degree line in the free lower right part of the table (everything starts above
// y = -0.06 and left of x = 0.1), 11 cm between centres; the far spots first, each taking
// the free block nearest to it, squared to the table.
const spots = [[0.32, 0.0], [0.24, -0.08], [0.16, -0.16], [0.08, -0.24]];
const free = getObjects().filter((o) => o.shape === 'box');
const dist = (o, p) => Math.hypot(o.position[0] - p[0], o.position[1] - p[1]);

for (const spot of spots) {
  free.sort((a, b) => dist(a, spot) - dist(b, spot));
  const block = free.shift();
  subgoal(`pick up the ${block.color} block`, { expect: { grasped: block.id } });
  pick(block.id);
  subgoal(`put it on the diagonal at [${spot}]`, { expect: { all: [{ onTable: block.id }, { near: [block.id, spot, 0.012] }] } });
  place(spot, { yaw: 0 });
}
