// attacks: Catching the simulated-time TimeoutError and waiting again
// must: TimeoutError naming the simulated time budget
for (;;) {
  try {
    wait(100);
  } catch (e) {}
}
