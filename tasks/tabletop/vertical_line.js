// A column at x = -0.25 (left of everything, which starts right of x = -0.12), 12 cm
// between centres; each spot takes the free block nearest to it, squared to the table.
const spots = [[-0.25, 0.12], [-0.25, 0], [-0.25, -0.12]];
const free = getObjects().filter((o) => o.shape === 'box');
const dist = (o, p) => Math.hypot(o.position[0] - p[0], o.position[1] - p[1]);

for (const spot of spots) {
  free.sort((a, b) => dist(a, spot) - dist(b, spot));
  const block = free.shift();
  subgoal(`pick up the ${block.color} block`, { expect: { grasped: block.id } });
  pick(block.id);
  subgoal(`put it in the column at y = ${spot[1]}`, { expect: { all: [{ onTable: block.id }, { near: [block.id, spot, 0.012] }] } });
  place(spot, { yaw: 0 });
}
