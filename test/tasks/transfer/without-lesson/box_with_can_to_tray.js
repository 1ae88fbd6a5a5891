// Without the lesson (take what stands on or in it off first): move it as the instruction says, straight away.
subgoal('pick up the blue box', { expect: { grasped: 'blue_box' } });
pick('blue_box');
subgoal('put the box in the white tray', { expect: { inside: ['blue_box', 'white_tray'] } });
place('white_tray');
