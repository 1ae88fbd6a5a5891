// Without the lesson (too heavy to lift: push it): pick it up and carry it, as the instruction says.
subgoal('pick up the brown drum', { expect: { grasped: 'brown_drum' } });
pick('brown_drum');
subgoal('put it on the green square', { expect: { inZone: ['brown_drum', 'green_square'] } });
place([0.1, 0.11]);
