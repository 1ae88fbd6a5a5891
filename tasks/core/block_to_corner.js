// The back left corner of the reachable table: x near -0.33, y near 0.22.
subgoal('pick up the purple block', { expect: { grasped: 'purple_block' } });
pick('purple_block');

subgoal('put it in the back left corner', { expect: { inZone: ['purple_block', 'back_left_corner'] } });
place([-0.335, 0.225]);
