subgoal('pick up the red block', { expect: { grasped: 'red_block' } });
pick('red_block');
subgoal('put it in the white bowl', { expect: { inside: ['red_block', 'white_bowl'] } });
place('white_bowl');
