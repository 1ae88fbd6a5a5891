// Compare sizes within each colour: the smaller red block onto the larger blue one.
const volume = (o) => o.size[0] * o.size[1] * o.size[2];
const blocks = getObjects().filter((o) => o.shape === 'box');
const small = blocks.filter((o) => o.color === 'red').sort((a, b) => volume(a) - volume(b))[0];
const big = blocks.filter((o) => o.color === 'blue').sort((a, b) => volume(b) - volume(a))[0];

subgoal('pick up the small red block', { expect: { grasped: small.id } });
pick(small.id);

subgoal('put it on the big blue block', { expect: { on: [small.id, big.id] } });
place(big.id);
