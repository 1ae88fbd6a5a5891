// attacks: eval and indirect eval to reach the global object and look for host objects
// must: success; no host name (process, require, host, clock …) among the globals
const g1 = eval('this');
const g2 = (0, eval)('this');
const g3 = globalThis.constructor.constructor('return this')();
const names = new Set([...Object.getOwnPropertyNames(g1), ...Object.getOwnPropertyNames(g2), ...Object.getOwnPropertyNames(g3)]);
const suspicious = [...names].filter((n) => /^(process|require|module|exports|host|clock|Buffer|setTimeout|setInterval|std|os|global|__.*)$/.test(n));
log('suspicious globals:', suspicious.length === 0 ? 'none' : suspicious.join(','));
