subgoal('pick up the brown bar', { expect: { grasped: 'brown_bar' } });
pick('brown_bar');
subgoal('put it on the green block', { expect: { on: ['brown_bar', 'green_block'] } });
place('green_block');
