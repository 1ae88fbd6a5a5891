// Pick the ball from above and release it over the middle of the bowl.
subgoal('pick up the orange ball', { expect: { grasped: 'orange_ball' } });
pick('orange_ball');

subgoal('put the ball in the white bowl', { expect: { inside: ['orange_ball', 'white_bowl'] } });
place('white_bowl');
