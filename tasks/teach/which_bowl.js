// The person means the blue bowl.
subgoal('pick up the red block', { expect: { grasped: 'red_block' } });
pick('red_block');

subgoal('put it in the blue bowl', { expect: { inside: ['red_block', 'blue_bowl'] } });
place('blue_bowl');
