// The block sits 2 cm behind the thermos. Grasp it across its long side (the fingers close
// along x, left and right of it, clear of the thermos in front), then carry it to the bowl.
const block = getObject('red_block');
const [bx, by] = block.position;
const grasp = block.size[2] / 4;

subgoal('grasp the red block from its left and right sides', { expect: { all: [{ grasped: 'red_block' }, { upright: 'black_thermos' }] } });
openGripper();
moveTo([bx, by, 0.25], { yaw: block.yaw });
moveTo([bx, by, grasp]);
closeGripper();
moveTo([bx, by, 0.25]);

subgoal('put it in the white bowl', { expect: { all: [{ inside: ['red_block', 'white_bowl'] }, { upright: 'black_thermos' }] } });
place('white_bowl');
