// attacks: Four 10,000-character strings per call for 20,000 calls (trace bloat)
// must: the call cap (Error) or a TimeoutError; trace.json under its byte budget, writable
const a = 'a'.repeat(10000);
const b = 'b'.repeat(10000);
const c = 'c'.repeat(10000);
const d = 'd'.repeat(10000);
for (let i = 0; i < 20000; i++) {
  try {
    push(a, b, c, d);
  } catch (e) {}
}
