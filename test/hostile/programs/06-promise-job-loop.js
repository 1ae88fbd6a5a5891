// attacks: A promise-job loop: each job queues the next, so the job queue never drains
// must: TimeoutError recorded (not swallowed), within the budget + 2 s
function again() {
  Promise.resolve().then(again);
}
again();
