// attacks: globalThis mutated: API names redefined non-writable, builtins frozen or deleted
// must: success; nothing leaks into the next attempt
pick('red_block');
Object.defineProperty(globalThis, 'place', { value: 1, writable: false, configurable: false });
globalThis.Math = { random: () => 4 };
delete globalThis.Promise;
Object.freeze(Object.prototype);
Object.freeze(Array.prototype);
globalThis.leaked = 'from program 35';
log('mutated', typeof place);
