// The row goes behind the starting strip, at y = 0.1, 9 cm between centres, smallest
// block at the left; each block is squared to the table.
const blocks = getObjects()
  .filter((o) => o.shape === 'box')
  .sort((a, b) => a.size[0] - b.size[0]);
const quarter = Math.PI / 2;

blocks.forEach((block, i) => {
  const spot = [-0.225 + i * 0.09, 0.1];
  subgoal(`pick up the ${block.color} block`, { expect: { grasped: block.id } });
  pick(block.id);
  subgoal(`put the ${block.color} block in the row, place ${i + 1} from the left`, {
    expect: { all: [{ onTable: block.id }, { near: [block.id, spot, 0.015] }] },
  });
  place(spot, { yaw: Math.round(getPose(block.id).yaw / quarter) * quarter });
});
