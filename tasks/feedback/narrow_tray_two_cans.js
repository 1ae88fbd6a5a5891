// The usable inside is 10 x 6 cm: two 4.5 cm cans fit side by side, 5 cm apart, centred.
subgoal('pick up the orange can', { expect: { grasped: 'orange_can' } });
pick('orange_can');
subgoal('stand it in the left half of the tray', { expect: { all: [{ inside: ['orange_can', 'gray_tray'] }, { upright: 'orange_can' }] } });
place('gray_tray', { offset: [-0.025, 0] });

subgoal('pick up the purple can', { expect: { grasped: 'purple_can' } });
pick('purple_can');
subgoal('stand it in the right half of the tray', { expect: { all: [{ inside: ['purple_can', 'gray_tray'] }, { upright: 'purple_can' }] } });
place('gray_tray', { offset: [0.025, 0] });
