// Five spots evenly round (0, 0.15), 11 cm out, behind the strip the blocks start in;
// the far spots first, each taking the free block nearest to it.
const centre = [0, 0.15];
const radius = 0.11;
const free = getObjects().filter((o) => o.shape === 'box');
const spots = free.map((_, i) => {
  const a = Math.PI / 2 + (i * 2 * Math.PI) / free.length;
  return [centre[0] + radius * Math.cos(a), centre[1] + radius * Math.sin(a)];
});
spots.sort((p, q) => q[1] - p[1]);
const dist = (o, p) => Math.hypot(o.position[0] - p[0], o.position[1] - p[1]);

for (const spot of spots) {
  free.sort((a, b) => dist(a, spot) - dist(b, spot));
  const block = free.shift();
  subgoal(`pick up the ${block.color} block`, { expect: { grasped: block.id } });
  pick(block.id);
  subgoal(`put it on the circle at [${spot.map((v) => v.toFixed(2))}]`, { expect: { all: [{ onTable: block.id }, { near: [block.id, spot, 0.015] }] } });
  place(spot);
}
