// A sensible first program: pick the box up and set it down in the middle of the zone.
subgoal('pick up the gray box', { expect: { grasped: 'gray_box' } });
pick('gray_box');

subgoal('put it in the yellow zone', { expect: { inZone: ['gray_box', 'yellow_zone'] } });
place([0.17, -0.03]);
