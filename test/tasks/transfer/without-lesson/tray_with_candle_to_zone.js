// Without the lesson (take what stands on or in it off first): move it as the instruction says, straight away.
subgoal('pick up the green tray', { expect: { grasped: 'green_tray' } });
pick('green_tray');
subgoal('put the tray in the orange zone', { expect: { inZone: ['green_tray', 'orange_zone'] } });
place([0.2, 0.0]);
