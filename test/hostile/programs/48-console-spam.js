// attacks: console.log of 100,000-character strings without end
// must: the call cap or a TimeoutError; the log lines are capped in the trace
const line = 'z'.repeat(1e5);
for (;;) console.log(line, line, line, line);
