// Without the lesson (take what stands on or in it off first): move it as the instruction says, straight away.
subgoal('pick up the yellow bowl', { expect: { grasped: 'yellow_bowl' } });
pick('yellow_bowl');
subgoal('put the bowl on the purple square', {
  expect: { all: [{ inZone: ['yellow_bowl', 'purple_square'] }, { upright: 'yellow_bowl' }] },
});
place([-0.18, -0.06]);
