// The person means the top right corner (x ≥ 0.25, y ≥ 0.18): aim well inside it.
subgoal('pick up the blue block', { expect: { grasped: 'blue_block' } });
pick('blue_block');
subgoal('put it in the top right corner', { expect: { inRegion: ['blue_block', 'top_right_corner'] } });
place([0.33, 0.25]);
