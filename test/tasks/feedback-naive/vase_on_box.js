// A sensible first program from the instruction: pick the box, put it in the tray.
subgoal('pick up the brown box', { expect: { grasped: 'brown_box' } });
pick('brown_box');
subgoal('put the box in the gray tray', { expect: { inside: ['brown_box', 'gray_tray'] } });
place('gray_tray');
