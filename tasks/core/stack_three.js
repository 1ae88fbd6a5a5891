// Bottom-up: the blue block stays where it is; green goes on blue, then red on green.
subgoal('pick up the green block', { expect: { grasped: 'green_block' } });
pick('green_block');

subgoal('put the green block on the blue block', { expect: { on: ['green_block', 'blue_block'] } });
place('blue_block');

subgoal('pick up the red block', { expect: { grasped: 'red_block' } });
pick('red_block');

subgoal('put the red block on the green block', {
  expect: { all: [{ on: ['red_block', 'green_block'] }, { on: ['green_block', 'blue_block'] }] },
});
place('green_block');
