// Big blocks (the larger size present) go in the tray, side by side along its length;
// small ones go in the bowl of their colour, two side by side in each.
const objects = getObjects();
const blocks = objects.filter((o) => o.shape === 'box');
const biggest = Math.max(...blocks.map((b) => b.size[0]));
const tray = objects.find((o) => o.shape === 'tray');

// An offset along a container's own x axis, in world coordinates.
function along(containerId, d) {
  const yaw = getPose(containerId).yaw;
  return [d * Math.cos(yaw), d * Math.sin(yaw)];
}

const used = {};
for (const block of blocks) {
  const big = block.size[0] > biggest - 0.005;
  const container = big ? tray : objects.find((o) => o.shape === 'bowl' && o.color === block.color);
  const n = (used[container.id] = (used[container.id] ?? 0) + 1);
  const spread = big ? 0.055 : 0.026;
  const offset = along(container.id, n === 1 ? -spread : spread);
  const what = `${big ? 'big' : 'small'} ${block.color} block`;

  subgoal(`pick up the ${what}`, { expect: { grasped: block.id } });
  pick(block.id);
  subgoal(`put the ${what} in the ${container.id.replace('_', ' ')}`, { expect: { inside: [block.id, container.id] } });
  // Square the block with the container so it sits flat beside its neighbour.
  const quarter = Math.PI / 2;
  const rel = getPose(block.id).yaw - getPose(container.id).yaw;
  place(container.id, { offset, yaw: getPose(container.id).yaw + Math.round(rel / quarter) * quarter });
}
