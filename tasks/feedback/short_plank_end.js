// The plank is really 14 cm long: set the block 2.5 cm in from its true right end.
const TRUE_LENGTH = 0.14;

subgoal('pick up the blue block', { expect: { grasped: 'blue_block' } });
pick('blue_block');

subgoal('put it on the right end of the gray plank', {
  expect: { all: [{ on: ['blue_block', 'gray_plank'] }, { ordered: { ids: ['gray_plank', 'blue_block'], axis: 'x' } }] },
});
place('gray_plank', { offset: [TRUE_LENGTH / 2 - 0.025, 0] });
