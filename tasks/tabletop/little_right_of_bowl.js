// "A little to the right": a 4 cm gap between the bowl's rim and the block's side, level
// with the bowl; the block is squared to the table so its half width along x is 2 cm.
const bowl = getObject('yellow_bowl');
const block = getObject('cyan_block');
const x = bowl.position[0] + bowl.size[0] / 2 + 0.04 + block.size[0] / 2;
const spot = [x, bowl.position[1]];

subgoal('pick up the cyan block', { expect: { grasped: 'cyan_block' } });
pick('cyan_block');

subgoal('put it a little to the right of the yellow bowl', {
  expect: { offset: { id: 'cyan_block', from: 'yellow_bowl', direction: 'right', min: 0.01, max: 0.08 } },
});
place(spot, { yaw: 0 });
