subgoal('pick up the orange rod', { expect: { grasped: 'orange_rod' } });
pick('orange_rod');
subgoal('lay it on the purple box', { expect: { on: ['orange_rod', 'purple_box'] } });
place('purple_box');
