// A sensible first program: divide the tray's stated inside (its size less about a
// centimetre of wall) into three equal cells along its length and put one block in each.
const tray = getObject('white_tray');
const cell = (tray.size[0] - 0.02) / 3;
const blocks = getObjects().filter((o) => o.shape === 'box');

blocks.forEach((block, i) => {
  subgoal(`pick up the ${block.color} block`, { expect: { grasped: block.id } });
  pick(block.id);
  subgoal(`put the ${block.color} block in the tray`, { expect: { inside: [block.id, 'white_tray'] } });
  place('white_tray', { offset: [(i - 1) * cell, 0] });
});
