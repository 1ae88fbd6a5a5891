// A sensible first program: pick the bottle (default top grasp) and stand it in the middle of the square.
subgoal('pick up the white bottle', { expect: { grasped: 'white_bottle' } });
pick('white_bottle');

subgoal('put it on the green square', {
  expect: { all: [{ inZone: ['white_bottle', 'green_square'] }, { upright: 'white_bottle' }] },
});
place([0.15, 0.05]);
