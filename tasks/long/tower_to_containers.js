// From the top of the tower down: the highest block is always the one to take next.
// The two smallest go side by side in the bowl, the two biggest side by side in the tray.
const blocks = getObjects().filter((o) => o.shape === 'box');
const bySize = blocks.slice().sort((a, b) => a.size[0] - b.size[0]);
const small = bySize.slice(0, 2).map((b) => b.id);
const quarter = Math.PI / 2;
const count = { gray_tray: 0, white_bowl: 0 };

const order = blocks.slice().sort((a, b) => b.position[2] - a.position[2]);
for (const block of order) {
  const container = small.includes(block.id) ? 'white_bowl' : 'gray_tray';
  const spread = container === 'white_bowl' ? 0.03 : 0.055;
  const d = count[container]++ === 0 ? -spread : spread;
  const yaw = getPose(container).yaw;
  subgoal(`pick up the ${block.color} block`, { expect: { grasped: block.id } });
  pick(block.id);
  subgoal(`put the ${block.color} block in the ${container === 'white_bowl' ? 'bowl' : 'tray'}`, {
    expect: { inside: [block.id, container] },
  });
  const rel = getPose(block.id).yaw - yaw;
  place(container, { offset: [d * Math.cos(yaw), d * Math.sin(yaw)], yaw: yaw + Math.round(rel / quarter) * quarter });
}
