// The lesson of the heavy chest and drum over-applied (push, never lift): push the box to the block.
subgoal('push the gray box to the yellow block', { expect: { on: ['gray_box', 'yellow_block'] } });
const b = getObject('gray_box').position;
const t = getObject('yellow_block').position;
const dx = t[0] - b[0];
const dy = t[1] - b[1];
const d = Math.hypot(dx, dy);
push('gray_box', [dx / d, dy / d], d);
