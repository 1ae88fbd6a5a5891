// Cans stand in a line along the tray's length, 8 cm apart; the gripper turns so its
// fingers close across the tray, away from the neighbouring cans. Blocks go in the bowl
// side by side.
const trayYaw = getPose('gray_tray').yaw;
const cans = getObjects().filter((o) => o.shape === 'cylinder');
const spacing = 0.08;

cans.forEach((can, i) => {
  const d = (i - 1) * spacing;
  subgoal(`pick up the ${can.color} can`, { expect: { grasped: can.id } });
  pick(can.id);
  subgoal(`stand the ${can.color} can in the tray`, { expect: { all: [{ inside: [can.id, 'gray_tray'] }, { upright: can.id }] } });
  // Turn the held can with the gripper so the fingers end up closing across the tray.
  const turn = trayYaw + Math.PI / 2 - getGripper().yaw;
  place('gray_tray', { offset: [d * Math.cos(trayYaw), d * Math.sin(trayYaw)], yaw: getPose(can.id).yaw + turn });
});

const bowlYaw = getPose('white_bowl').yaw;
getObjects()
  .filter((o) => o.shape === 'box')
  .forEach((block, i) => {
    const d = i === 0 ? -0.028 : 0.028;
    subgoal(`pick up the ${block.color} block`, { expect: { grasped: block.id } });
    pick(block.id);
    subgoal(`put the ${block.color} block in the bowl`, { expect: { inside: [block.id, 'white_bowl'] } });
    place('white_bowl', { offset: [d * Math.cos(bowlYaw), d * Math.sin(bowlYaw)] });
  });
