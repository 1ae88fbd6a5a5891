// The can slides out of a top grasp (its real friction is far lower than stated); a side
// grasp around its middle holds it, and place() sets it down on the tray's floor.
subgoal('grasp the yellow can from the side', { expect: { all: [{ grasped: 'yellow_can' }, { upright: 'yellow_can' }] } });
pick('yellow_can', { approach: 'side' });

subgoal('stand it in the brown tray', { expect: { all: [{ inside: ['yellow_can', 'brown_tray'] }, { upright: 'yellow_can' }] } });
place('brown_tray');
