// Take the tower apart from the top: the red block goes straight to the middle of the
// yellow square, then green on red, then blue on green.
const centre = [0.26, 0.16];
const quarter = Math.PI / 2;
const squared = (id) => Math.round(getPose(id).yaw / quarter) * quarter;

subgoal('pick the red block off the top of the tower', { expect: { grasped: 'red_block' } });
pick('red_block');
subgoal('put the red block in the middle of the yellow square', {
  expect: { all: [{ onTable: 'red_block' }, { inZone: ['red_block', 'yellow_zone'] }] },
});
place(centre, { yaw: squared('red_block') });

subgoal('pick the green block off the blue block', { expect: { grasped: 'green_block' } });
pick('green_block');
subgoal('put the green block on the red block', { expect: { on: ['green_block', 'red_block'] } });
place('red_block', { yaw: squared('green_block') });

subgoal('pick up the blue block', { expect: { grasped: 'blue_block' } });
pick('blue_block');
subgoal('put the blue block on top of the green block', {
  expect: { all: [{ on: ['blue_block', 'green_block'] }, { on: ['green_block', 'red_block'] }] },
});
place('green_block', { yaw: squared('blue_block') });
