// attacks: for-of over an endless generator
// must: TimeoutError
function* forever() {
  let i = 0;
  for (;;) yield i++;
}
for (const v of forever()) {
  if (v < 0) break;
}
