// attacks: Nothing: a valid program that succeeds (the corpus's control)
// must: success: the red block picked and placed on the blue block
subgoal('grasp the red block', { expect: { grasped: 'red_block' } });
pick('red_block');
subgoal('put the red block on the blue block', { expect: { on: ['red_block', 'blue_block'] } });
place('blue_block');
log('control done');
