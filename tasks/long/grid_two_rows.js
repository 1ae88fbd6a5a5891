// The grid goes behind the blocks' starting strip: back row at y = 0.15, front row at
// y = 0.06, columns 9 cm apart. Back row first, so the gripper never reaches over a
// placed block; each block is squared to the table.
const back = ['red_block', 'green_block', 'blue_block'];
const front = ['yellow_block', 'orange_block', 'purple_block'];
const xs = [-0.09, 0, 0.09];
const quarter = Math.PI / 2;

for (const [row, y] of [
  [back, 0.15],
  [front, 0.06],
]) {
  row.forEach((id, i) => {
    const spot = [xs[i], y];
    const name = id.replace('_', ' ');
    subgoal(`pick up the ${name}`, { expect: { grasped: id } });
    pick(id);
    subgoal(`put the ${name} at ${y > 0.1 ? 'the back' : 'the front'} row, column ${i + 1}`, {
      expect: { all: [{ onTable: id }, { near: [id, spot, 0.015] }] },
    });
    place(spot, { yaw: Math.round(getPose(id).yaw / quarter) * quarter });
  });
}
