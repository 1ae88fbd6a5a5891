// attacks: Array.prototype.includes on an array-like of length 2^40: one built-in call that never reaches the interrupt handler
// must: TimeoutError naming the 2 s CPU limit, within the budget + 2 s (the sandbox thread is killed)
Array.prototype.includes.call({ length: 2 ** 40 }, 1);
log('not reached');
