// A sensible first program: push the ball in a straight line to the middle of the spot.
const goal = [0.13, -0.02];
const p = getObject('orange_ball').position;
const dx = goal[0] - p[0];
const dy = goal[1] - p[1];
const d = Math.hypot(dx, dy);
subgoal('push the orange ball onto the white spot', { expect: { inZone: ['orange_ball', 'white_spot'] } });
push('orange_ball', [dx / d, dy / d], d);
