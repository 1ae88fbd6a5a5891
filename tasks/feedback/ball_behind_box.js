// The box stands 0.55 cm to the ball's right. A ball is grasped at the hand's current yaw,
// so turn the hand a quarter turn first: the fingers then close front and back, clear of the box.
subgoal('grasp the yellow ball from its front and back', { expect: { all: [{ grasped: 'yellow_ball' }, { unmoved: ['blue_box', 0.01] }] } });
rotateTo(Math.PI / 2);
pick('yellow_ball');

subgoal('put it in the green tray', { expect: { all: [{ inside: ['yellow_ball', 'green_tray'] }, { unmoved: ['blue_box', 0.01] }] } });
place('green_tray');
