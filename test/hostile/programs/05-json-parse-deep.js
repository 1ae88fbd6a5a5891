// attacks: JSON.parse('['.repeat(1e5)): recursion inside the native parser (aborted the wasm module before)
// must: StackOverflowError (or SyntaxError), never a module abort; the next attempt runs normally
JSON.parse('['.repeat(1e5));
log('not reached');
