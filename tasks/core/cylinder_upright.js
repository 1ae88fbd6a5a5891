// Grasp the cylinder from above (it stays vertical between the fingers) and set it
// down in the middle of the red square (x 0.08..0.18, y 0.04..0.14).
subgoal('pick up the green cylinder', { expect: { all: [{ grasped: 'green_cylinder' }, { upright: 'green_cylinder' }] } });
pick('green_cylinder', { approach: 'top' });

subgoal('stand it upright on the red square', {
  expect: { all: [{ inZone: ['green_cylinder', 'red_square'] }, { upright: 'green_cylinder' }] },
});
place([0.13, 0.09]);
