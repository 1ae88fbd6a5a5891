// "A lot to the left": a 25 cm gap between the block's side and the bowl's rim, level
// with the bowl; the block is squared to the table.
const bowl = getObject('orange_bowl');
const block = getObject('purple_block');
const x = bowl.position[0] - bowl.size[0] / 2 - 0.25 - block.size[0] / 2;
const spot = [x, bowl.position[1]];

subgoal('pick up the purple block', { expect: { grasped: 'purple_block' } });
pick('purple_block');

subgoal('put it a lot to the left of the orange bowl', {
  expect: { offset: { id: 'purple_block', from: 'orange_bowl', direction: 'left', min: 0.15, max: 0.4 } },
});
place(spot, { yaw: 0 });
