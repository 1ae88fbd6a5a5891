// attacks: A 40 MB string passed to an API function on every call (host-side copying per call)
// must: ends within the budget + 2 s as a TimeoutError or the call cap; no string over the trace cap in the trace
const big = 'r'.repeat(40e6);
for (;;) {
  try {
    getObject(big);
  } catch (e) {}
}
