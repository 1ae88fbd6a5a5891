// The bar's centre of mass is 5 cm from its middle along its own +x. Grasp it over the
// centre of mass (so it hangs level), then set it on the block turned square (yaw 0) with
// its middle 3 cm toward -x: the centre of mass is then 2 cm inside the block's edge and
// the bar's middle still over the block.
const COM = 0.05;
const bar = getObject('brown_bar');
const c = Math.cos(bar.yaw);
const s = Math.sin(bar.yaw);
const over = [bar.position[0] + COM * c, bar.position[1] + COM * s];

subgoal('grasp the brown bar over its heavy end', { expect: { grasped: 'brown_bar' } });
openGripper();
moveTo([over[0], over[1], 0.2], { yaw: bar.yaw + Math.PI / 2 });
moveTo([over[0], over[1], bar.size[2] / 3]);
closeGripper();
moveTo([over[0], over[1], 0.2]);

subgoal('set it on the green block with the heavy end over the block', { expect: { on: ['brown_bar', 'green_block'] } });
place('green_block', { yaw: 0, offset: [-0.03, 0] });
