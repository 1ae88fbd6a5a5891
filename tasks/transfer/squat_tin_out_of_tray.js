// A short wide tin with ordinary friction: a top grasp holds it, and reaching down from
// above keeps the hand clear of the tray's walls.
subgoal('grasp the orange tin from above', { expect: { grasped: 'orange_tin' } });
pick('orange_tin', { approach: 'top' });

subgoal('stand it on the blue square', { expect: { all: [{ inZone: ['orange_tin', 'blue_square'] }, { onTable: 'orange_tin' }, { upright: 'orange_tin' }] } });
place([0.16, -0.01]);
