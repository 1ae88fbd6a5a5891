// The person means the green block: into the bowl it goes.
subgoal('pick up the green block', { expect: { grasped: 'green_block' } });
pick('green_block');

subgoal('put it in the bowl', { expect: { inside: ['green_block', 'white_bowl'] } });
place('white_bowl');
