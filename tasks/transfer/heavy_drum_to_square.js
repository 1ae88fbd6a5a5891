// The drum cannot be lifted: push it toward the square's centre, at most 12 cm at a time
// (a round body pushed far in one go can slip off the pusher's face), measuring where it
// stopped before each push.
const goal = [0.1, 0.11];

subgoal('push the brown drum onto the green square', {
  expect: { all: [{ inZone: ['brown_drum', 'green_square'] }, { onTable: 'brown_drum' }] },
});
for (let i = 0; i < 5; i++) {
  const p = getObject('brown_drum').position;
  const dx = goal[0] - p[0];
  const dy = goal[1] - p[1];
  const d = Math.hypot(dx, dy);
  if (d < 0.01) break;
  push('brown_drum', [dx / d, dy / d], Math.min(d, 0.12));
}
