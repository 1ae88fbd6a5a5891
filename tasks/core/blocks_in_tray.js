// Three blocks, three slots along the tray's long side so they do not land on each other.
const blocks = getObjects().filter((o) => o.shape === 'box');
const slots = [[-0.07, 0], [0, 0], [0.07, 0]];

blocks.forEach((block, i) => {
  subgoal(`pick up the ${block.color} block`, { expect: { grasped: block.id } });
  pick(block.id);

  subgoal(`put the ${block.color} block in the tray`, { expect: { inside: [block.id, 'gray_tray'] } });
  place('gray_tray', { offset: slots[i] });
});
