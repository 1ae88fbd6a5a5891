// attacks: A string doubled until memory runs out
// must: MemoryError (or a RangeError for the string length)
let s = 'x';
for (;;) s += s;
