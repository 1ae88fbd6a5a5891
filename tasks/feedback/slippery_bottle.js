// The bottle is far more slippery than stated: a top grasp near its base lets it slide
// out while lifting. Grasped from the side around its middle it holds.
subgoal('grasp the white bottle from the side', { expect: { all: [{ grasped: 'white_bottle' }, { upright: 'white_bottle' }] } });
pick('white_bottle', { approach: 'side' });

subgoal('stand it on the green square', {
  expect: { all: [{ inZone: ['white_bottle', 'green_square'] }, { upright: 'white_bottle' }] },
});
place([0.15, 0.05]);
