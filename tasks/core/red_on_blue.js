// Pick the red block and set it down centred on the blue block.
subgoal('pick up the red block', { expect: { grasped: 'red_block' } });
pick('red_block');

subgoal('put it on the blue block', { expect: { on: ['red_block', 'blue_block'] } });
place('blue_block');
