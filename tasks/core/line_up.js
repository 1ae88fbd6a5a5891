// Build the row behind the blocks' starting line (which is clear), left to right.
const row = [
  ['red_block', [-0.08, 0.14]],
  ['green_block', [0.0, 0.14]],
  ['blue_block', [0.08, 0.14]],
];

for (const [id, spot] of row) {
  subgoal(`pick up ${id}`, { expect: { grasped: id } });
  pick(id);

  subgoal(`put ${id} in the row at x = ${spot[0]}`, { expect: { near: [id, spot, 0.02] } });
  place(spot);
}
