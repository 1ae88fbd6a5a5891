// attacks: An array argument whose element getter loops forever (runs while arguments are read)
// must: TimeoutError or ArgumentError, within the budget + 2 s
const p = [0.1, 0.0, 0.2];
Object.defineProperty(p, 0, {
  get() {
    for (;;) {}
  },
});
moveTo(p);
