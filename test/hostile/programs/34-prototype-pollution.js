// attacks: Prototype pollution: Object.prototype.x, Array.prototype.push, JSON and Function.prototype overwritten
// must: success (the API still works for this program); nothing leaks into the next attempt
Object.prototype.x = 'polluted';
Object.prototype.then = function () {};
Array.prototype.push = function () {
  throw new Error('polluted push');
};
Array.isArray = () => false;
JSON.parse = () => ({ polluted: true });
JSON.stringify = () => '"polluted"';
Function.prototype.call = function () {
  throw new Error('polluted call');
};
String.prototype.slice = () => 'polluted';
const o = getObject('red_block');
log('still works', o.id);
pick('red_block');
