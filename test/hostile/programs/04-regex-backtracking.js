// attacks: Catastrophic regex backtracking: /^(a+)+$/ against 'aaa…ab'
// must: TimeoutError, within the budget + 2 s
const victim = 'a'.repeat(48) + 'b';
const hit = /^(a+)+$/.test(victim);
log('regex returned', hit);
