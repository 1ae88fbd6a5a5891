// attacks: new Array(1e6).fill(1) in a loop: each fill is one native loop over a sparse array, and the arrays are kept
// must: TimeoutError or MemoryError, within the budget + 2 s
const keep = [];
for (;;) keep.push(new Array(1e6).fill(1));
