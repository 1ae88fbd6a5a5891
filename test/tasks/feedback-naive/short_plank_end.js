// A sensible first program: set the block on the plank, 2.5 cm in from its right end.
const plank = getObject('gray_plank');

subgoal('pick up the blue block', { expect: { grasped: 'blue_block' } });
pick('blue_block');
subgoal('put it on the right end of the plank', { expect: { on: ['blue_block', 'gray_plank'] } });
place('gray_plank', { offset: [plank.size[0] / 2 - 0.025, 0] });
