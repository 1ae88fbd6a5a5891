// attacks: Unbounded allocation: small strings kept alive until the heap is full
// must: MemoryError naming the 64 MiB limit
const keep = [];
for (let i = 0; ; i++) keep.push(`s${i}`);
