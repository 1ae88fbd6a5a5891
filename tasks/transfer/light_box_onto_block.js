// The box is light: pick it up and set it on the block (a push can never raise it).
subgoal('pick up the gray box', { expect: { grasped: 'gray_box' } });
pick('gray_box');
subgoal('set it on top of the yellow block', { expect: { on: ['gray_box', 'yellow_block'] } });
place('yellow_block');
