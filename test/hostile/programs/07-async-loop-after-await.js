// attacks: An async function never awaited by anyone that loops forever after its first await (runs as a promise job)
// must: TimeoutError, within the budget + 2 s
async function spin() {
  await null;
  for (;;) {}
}
spin();
log('the top level finished');
