// A sensible first program: push the ball straight to the middle of the gap.
const red = getObject('red_block').position;
const blue = getObject('blue_block').position;
const goal = [(red[0] + blue[0]) / 2, (red[1] + blue[1]) / 2];
const p = getObject('green_ball').position;
const dx = goal[0] - p[0];
const dy = goal[1] - p[1];
const d = Math.hypot(dx, dy);
subgoal('push the green ball between the blocks', { expect: { near: ['green_ball', goal, 0.015] } });
push('green_ball', [dx / d, dy / d], d);
