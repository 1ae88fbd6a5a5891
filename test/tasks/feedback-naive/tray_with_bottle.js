// A sensible first program from the instruction: pick the tray, put it on the square.
subgoal('pick up the orange tray', { expect: { grasped: 'orange_tray' } });
pick('orange_tray');
subgoal('put the tray on the blue zone', { expect: { all: [{ inZone: ['orange_tray', 'blue_zone'] }, { upright: 'orange_tray' }] } });
place([-0.2, 0.0]);
