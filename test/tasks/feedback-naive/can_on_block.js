subgoal('pick up the green block', { expect: { grasped: 'green_block' } });
pick('green_block');
subgoal('put the green block in the blue bowl', { expect: { inside: ['green_block', 'blue_bowl'] } });
place('blue_bowl');
