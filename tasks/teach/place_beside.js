// On the blue block's right, 11 cm between their facing edges.
const blue = getObject('blue_block');
const red = getObject('red_block');
const x = blue.position[0] + blue.size[0] / 2 + 0.11 + red.size[0] / 2;
subgoal('pick up the red block', { expect: { grasped: 'red_block' } });
pick('red_block');
subgoal('put it 11 cm to the right of the blue block', {
  expect: { offset: { id: 'red_block', from: 'blue_block', direction: 'right', min: 0.08, max: 0.14 } },
});
place([x, blue.position[1]]);
