subgoal('pick up the brown crate', { expect: { grasped: 'brown_crate' } });
pick('brown_crate');

subgoal('put it on the blue square', { expect: { inZone: ['brown_crate', 'blue_square'] } });
place([0.04, 0.1]);
