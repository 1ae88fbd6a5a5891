// Grasp the red block from above and lift it well clear of the table.
subgoal('pick up the red block', { expect: { grasped: 'red_block' } });
pick('red_block', { liftHeight: 0.12 });

subgoal('hold it above the table', { expect: { all: [{ grasped: 'red_block' }, { above: ['red_block', 0.05] }] } });
wait(0.5);
