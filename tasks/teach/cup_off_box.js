// Lift the cup off the box and stand it on the table out of the way, then move the box.
const box = getObject('green_box');
const tray = getObject('gray_tray');
// A free spot on the table: in front of the box, away from the tray.
const spot = [box.position[0] - 0.02, box.position[1] - 0.14];

subgoal('take the cup off the green box', { expect: { grasped: 'white_cup' } });
pick('white_cup');
subgoal('stand the cup on the table', { expect: { all: [{ onTable: 'white_cup' }, { upright: 'white_cup' }] } });
place(spot);

subgoal('pick up the green box', { expect: { grasped: 'green_box' } });
pick('green_box');
subgoal('put it in the tray', { expect: { inside: ['green_box', 'gray_tray'] } });
place('gray_tray');
