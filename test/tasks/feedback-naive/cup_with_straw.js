// A sensible first program from the instruction: pick the cup, put it on the square.
subgoal('pick up the green cup', { expect: { grasped: 'green_cup' } });
pick('green_cup');
subgoal('put the cup on the red square', { expect: { all: [{ inZone: ['green_cup', 'red_square'] }, { upright: 'green_cup' }] } });
place([0.15, 0.0]);
