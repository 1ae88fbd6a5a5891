// attacks: Unbounded allocation in large blocks: 8 MB typed arrays and 1 MB strings kept alive (near the limit QuickJS's allocator spends seconds inside one allocation: ~14 s to reach out-of-memory in-thread, the interrupt handler called once)
// must: MemoryError or TimeoutError (the stuck built-in's thread killed), within the budget + 2 s
const keep = [];
for (let i = 0; ; i++) {
  keep.push(new Float64Array(1 << 20));
  keep.push('x'.repeat(1 << 20) + i);
}
