// attacks: A promise job throws and nobody handles the rejected promise
// must: run to its end: as in a browser, a rejection nobody handles is not the program's error
// (quickjs-emscripten exposes no rejection tracker). An async main() called as the last statement is: its rejection ends the program
Promise.resolve().then(() => {
  throw new Error('thrown in a promise job');
});
log('the top level finished');
