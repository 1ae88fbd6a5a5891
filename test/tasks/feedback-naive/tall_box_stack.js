subgoal('pick up the red block', { expect: { grasped: 'red_block' } });
pick('red_block');
subgoal('put it on the blue box', { expect: { on: ['red_block', 'blue_box'] } });
place('blue_box');
