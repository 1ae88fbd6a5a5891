// Pick the blue block and set it down in the middle of the brown tray.
subgoal('pick up the blue block', { expect: { grasped: 'blue_block' } });
pick('blue_block');

subgoal('put it in the brown tray', { expect: { inside: ['blue_block', 'brown_tray'] } });
place('brown_tray');
