// A sensible first program: one can in each half of the tray, a quarter of its length from the centre.
const tray = getObject('gray_tray');
const q = tray.size[0] / 4;

subgoal('pick up the orange can', { expect: { grasped: 'orange_can' } });
pick('orange_can');
subgoal('stand it in the left half of the tray', { expect: { all: [{ inside: ['orange_can', 'gray_tray'] }, { upright: 'orange_can' }] } });
place('gray_tray', { offset: [-q, 0] });

subgoal('pick up the purple can', { expect: { grasped: 'purple_can' } });
pick('purple_can');
subgoal('stand it in the right half of the tray', {
  expect: { all: [{ inside: ['purple_can', 'gray_tray'] }, { upright: 'purple_can' }] },
});
place('gray_tray', { offset: [q, 0] });
