// Hold the block with its bottom 28 cm above the table (the TCP is at the block's centre).
subgoal('pick up the red block and lift it high', { expect: { all: [{ grasped: 'red_block' }, { above: ['red_block', 0.25] }] } });
pick('red_block', { liftHeight: 0.3 });
