subgoal('pick up the red block', { expect: { grasped: 'red_block' } });
pick('red_block');
subgoal('put the red block on the blue block', { expect: { on: ['red_block', 'blue_block'] } });
place('blue_block', { offset: [0.035, 0] });
