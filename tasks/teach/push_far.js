// Slide the block right until its centre is well past x = 0.25.
const b = getObject('orange_block');
const distance = 0.33 - b.position[0];
subgoal('push the orange block to the right side', { expect: { inRegion: ['orange_block', 'right_side'] } });
push('orange_block', [1, 0], distance);
