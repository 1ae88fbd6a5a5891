// attacks: An infinite loop
// must: TimeoutError naming the 2 s CPU limit
let i = 0;
for (;;) i++;
