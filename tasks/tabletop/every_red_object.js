// Every red object that is not a container, into the bowl: the ball first, to the middle,
// so the block lands beside it rather than on it. Offsets run along y, across the fingers
// (they close along x), so the open fingers stay clear of the bowl's walls.
const reds = getObjects()
  .filter((o) => o.color === 'red' && o.shape !== 'bowl' && o.shape !== 'tray')
  .sort((a, b) => (a.shape === 'sphere' ? 0 : 1) - (b.shape === 'sphere' ? 0 : 1));
const offsets = [[0, 0.025], [0, -0.03]];

reds.forEach((o, i) => {
  subgoal(`pick up the red ${o.shape === 'box' ? 'block' : o.shape === 'sphere' ? 'ball' : o.shape}`, { expect: { grasped: o.id } });
  pick(o.id);
  subgoal('put it in the blue bowl', { expect: { inside: [o.id, 'blue_bowl'] } });
  place('blue_bowl', { offset: offsets[i], yaw: 0 });
});
