// attacks: A 1e6-call moveBy loop against the simulated-time limit and the call cap
// must: TimeoutError (simulated time or CPU) or the call-cap Error, within the budget + 2 s
for (let i = 0; i < 1e6; i++) {
  moveBy([i % 2 === 0 ? 0.001 : -0.001, 0, 0]);
}
