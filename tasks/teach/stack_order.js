// Blue on the yellow block first, then red on top of blue.
subgoal('pick up the blue block', { expect: { grasped: 'blue_block' } });
pick('blue_block');
subgoal('put it on the yellow block', { expect: { on: ['blue_block', 'yellow_block'] } });
place('yellow_block');

subgoal('pick up the red block', { expect: { grasped: 'red_block' } });
pick('red_block');
subgoal('put it on the blue block', { expect: { on: ['red_block', 'blue_block'] } });
place('blue_block');
