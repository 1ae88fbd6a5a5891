// attacks: Function, (function(){}).constructor, async, generator and async-generator constructors running code
// must: success; the code runs as guest code with no host reach
const Fn = (function () {}).constructor;
const AsyncFn = (async function () {}).constructor;
const GenFn = function* () {}.constructor;
const AsyncGenFn = async function* () {}.constructor;
log('Function', Function('return typeof process')());
log('ctor', Fn('return typeof require')());
log('gen', GenFn('yield typeof host')().next().value);
AsyncFn('return typeof clock')().then((v) => log('async', v));
AsyncGenFn('yield 1')()
  .next()
  .then((r) => log('asyncgen', r.value));
