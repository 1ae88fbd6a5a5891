// The one cylinder whose colour is not green, set upright on the yellow block.
const cylinder = getObjects().find((o) => o.shape === 'cylinder' && o.color !== 'green');

subgoal(`grab the cylinder that is not green (the ${cylinder.color} one)`, { expect: { grasped: cylinder.id } });
pick(cylinder.id);

subgoal('stand it on the yellow block', { expect: { all: [{ on: [cylinder.id, 'yellow_block'] }, { upright: cylinder.id }] } });
place('yellow_block');
