// A row at y = 0.15, behind the start row, 12 cm between centres, smallest block at the
// left; each block squared to the table.
const blocks = getObjects()
  .filter((o) => o.shape === 'box')
  .sort((a, b) => a.size[0] * a.size[1] * a.size[2] - b.size[0] * b.size[1] * b.size[2]);

blocks.forEach((block, i) => {
  const spot = [-0.18 + i * 0.12, 0.15];
  subgoal(`pick up the ${block.color} block`, { expect: { grasped: block.id } });
  pick(block.id);
  subgoal(`put the ${block.color} block in the line, place ${i + 1} from the left`, {
    expect: { all: [{ onTable: block.id }, { near: [block.id, spot, 0.012] }] },
  });
  place(spot, { yaw: 0 });
});
