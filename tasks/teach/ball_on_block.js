// Set the ball down on the white block's centre from just above it, slowly.
subgoal('pick up the ball', { expect: { grasped: 'yellow_ball' } });
pick('yellow_ball');
subgoal('set it down gently on the white block', { expect: { on: ['yellow_ball', 'white_block'] } });
place('white_block', { releaseHeight: 0.002, speed: 0.1 });
