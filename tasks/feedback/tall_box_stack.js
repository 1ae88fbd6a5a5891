// The blue box is really 13 cm tall: release the block just above that height over the
// box's centre.
const TRUE_TOP = 0.13;

subgoal('pick up the red block', { expect: { grasped: 'red_block' } });
pick('red_block', { liftHeight: 0.2 });

subgoal('set it on the top of the blue box', { expect: { on: ['red_block', 'blue_box'] } });
const box = getObject('blue_box').position;
place([box[0], box[1], TRUE_TOP]);
