// The tray's usable inside is only 12 x 6 cm: pack the three 3.5 cm blocks side by side
// along its length, 4 cm apart, centred.
const blocks = ['red_block', 'green_block', 'blue_block'];
const slots = [[-0.04, 0], [0, 0], [0.04, 0]];

blocks.forEach((id, i) => {
  subgoal(`pick up the ${id.replace('_', ' ')}`, { expect: { grasped: id } });
  pick(id);
  subgoal(`put the ${id.replace('_', ' ')} in the tray`, { expect: { inside: [id, 'white_tray'] } });
  place('white_tray', { offset: slots[i] });
});
