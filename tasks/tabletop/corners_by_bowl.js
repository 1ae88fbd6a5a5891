// The four corner regions of the table (sim/table-regions.ts), each with a spot well inside
// it and within reach; rank them by the distance of that spot from the green bowl.
const corners = [
  { name: 'top_left_corner', spot: [-0.33, 0.24] },
  { name: 'top_right_corner', spot: [0.33, 0.24] },
  { name: 'bottom_left_corner', spot: [-0.33, -0.24] },
  { name: 'bottom_right_corner', spot: [0.33, -0.24] },
];
const bowl = getObject('green_bowl');
const gap = (c) => Math.hypot(c.spot[0] - bowl.position[0], c.spot[1] - bowl.position[1]);
corners.sort((a, b) => gap(a) - gap(b));
const closest = corners[0];
const farthest = corners[corners.length - 1];

subgoal('pick up the orange block', { expect: { grasped: 'orange_block' } });
pick('orange_block');
subgoal(`put it in the corner closest to the green bowl (${closest.name})`, { expect: { inRegion: ['orange_block', closest.name] } });
place(closest.spot);

subgoal('pick up the pink block', { expect: { grasped: 'pink_block' } });
pick('pink_block');
subgoal(`put it in the corner farthest from the green bowl (${farthest.name})`, { expect: { inRegion: ['pink_block', farthest.name] } });
place(farthest.spot);
