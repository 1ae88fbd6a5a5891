// Without the lesson (too heavy to lift: push it): pick it up and carry it, as the instruction says.
subgoal('pick up the black chest', { expect: { grasped: 'black_chest' } });
pick('black_chest');
subgoal('put it in the cyan zone', { expect: { inZone: ['black_chest', 'cyan_zone'] } });
place([-0.19, -0.03]);
