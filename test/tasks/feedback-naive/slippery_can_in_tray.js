subgoal('pick up the yellow can', { expect: { grasped: 'yellow_can' } });
pick('yellow_can');

subgoal('put it in the brown tray', { expect: { inside: ['yellow_can', 'brown_tray'] } });
place('brown_tray');
