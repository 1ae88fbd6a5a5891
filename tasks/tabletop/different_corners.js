// One block per corner region: each corner takes the nearest block still free, so the
// gripper's trips stay short.
const corners = [
  { name: 'top_left_corner', words: 'top left', spot: [-0.33, 0.24] },
  { name: 'top_right_corner', words: 'top right', spot: [0.33, 0.24] },
  { name: 'bottom_left_corner', words: 'bottom left', spot: [-0.33, -0.24] },
  { name: 'bottom_right_corner', words: 'bottom right', spot: [0.33, -0.24] },
];
const free = getObjects().filter((o) => o.shape === 'box');
const dist = (o, p) => Math.hypot(o.position[0] - p[0], o.position[1] - p[1]);

for (const corner of corners) {
  if (free.length === 0) break;
  free.sort((a, b) => dist(a, corner.spot) - dist(b, corner.spot));
  const block = free.shift();
  subgoal(`pick up the ${block.color} block`, { expect: { grasped: block.id } });
  pick(block.id);
  subgoal(`put it in the ${corner.words} corner`, { expect: { inRegion: [block.id, corner.name] } });
  place(corner.spot);
}
