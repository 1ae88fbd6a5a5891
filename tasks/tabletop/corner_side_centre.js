// Each block to a free spot well inside its region (sim/table-regions.ts): the top left
// corner x <= -0.25, y >= 0.18; the bottom side y <= -0.18; the centre |x| <= 0.1, |y| <= 0.08.
const reach = (o) => Math.hypot(o.size[0], o.size[1]) / 2;
// The first candidate spot clear of every other object by 1.5 cm, else the clearest one.
function freeSpot(candidates, held) {
  let best = candidates[0];
  let bestClear = -Infinity;
  for (const p of candidates) {
    let clear = Infinity;
    for (const o of getObjects()) {
      if (o.id === held.id) continue;
      clear = Math.min(clear, Math.hypot(o.position[0] - p[0], o.position[1] - p[1]) - reach(o) - reach(held));
    }
    if (clear >= 0.015) return p;
    if (clear > bestClear) [best, bestClear] = [p, clear];
  }
  return best;
}

const moves = [
  { id: 'red_block', region: 'top_left_corner', words: 'the top left corner', spots: [[-0.33, 0.25], [-0.36, 0.22], [-0.3, 0.27]] },
  { id: 'yellow_block', region: 'bottom_side', words: 'the bottom side', spots: [[0, -0.25], [-0.1, -0.25], [0.1, -0.25], [-0.2, -0.25], [0.2, -0.25]] },
  { id: 'blue_block', region: 'center', words: 'the centre of the table', spots: [[0, 0], [0.05, 0], [-0.05, 0], [0, 0.045], [0, -0.045], [0.06, 0.045], [-0.06, 0.045], [0.06, -0.045], [-0.06, -0.045]] },
];

for (const m of moves) {
  const block = getObject(m.id);
  subgoal(`pick up the ${block.color} block`, { expect: { grasped: m.id } });
  pick(m.id);
  subgoal(`put it in ${m.words}`, { expect: { inRegion: [m.id, m.region] } });
  place(freeSpot(m.spots, block));
}
