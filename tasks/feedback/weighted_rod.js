// The rod's centre of mass is 6 cm from its middle along its own -x. Grasp it over the
// centre of mass (so it hangs level), then lay it on the box turned square (yaw 0) with its
// middle 3.5 cm toward +x: the centre of mass is then 2.5 cm from the box's centre, 1 cm
// inside its edge, and the rod's middle is still over the box.
const COM = -0.06;
const rod = getObject('orange_rod');
const c = Math.cos(rod.yaw);
const s = Math.sin(rod.yaw);
const over = [rod.position[0] + COM * c, rod.position[1] + COM * s];

subgoal('grasp the orange rod over its heavy end', { expect: { grasped: 'orange_rod' } });
openGripper();
moveTo([over[0], over[1], 0.2], { yaw: rod.yaw + Math.PI / 2 });
moveTo([over[0], over[1], rod.size[2] / 3]);
closeGripper();
moveTo([over[0], over[1], 0.2]);

subgoal('lay it on the purple box with the heavy end over the box', { expect: { on: ['orange_rod', 'purple_box'] } });
place('purple_box', { yaw: 0, offset: [0.035, 0] });
