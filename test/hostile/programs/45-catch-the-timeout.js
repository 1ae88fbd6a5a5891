// attacks: Catching the CPU interrupt and going on, with a finally that loops too
// must: TimeoutError: the stop cannot be caught
for (;;) {
  try {
    try {
      for (;;) {}
    } finally {
      for (;;) {}
    }
  } catch (e) {
    log('caught', e.name);
  }
}
