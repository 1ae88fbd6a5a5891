subgoal('pick up the yellow ball', { expect: { grasped: 'yellow_ball' } });
pick('yellow_ball');
subgoal('put it in the green tray', { expect: { inside: ['yellow_ball', 'green_tray'] } });
place('green_tray');
