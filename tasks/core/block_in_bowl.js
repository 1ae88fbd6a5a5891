// Pick the yellow block and lower it into the green bowl.
subgoal('pick up the yellow block', { expect: { grasped: 'yellow_block' } });
pick('yellow_block');

subgoal('put it in the green bowl', { expect: { inside: ['yellow_block', 'green_bowl'] } });
place('green_bowl');
