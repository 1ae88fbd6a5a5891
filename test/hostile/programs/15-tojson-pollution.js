// attacks: Object.prototype.toJSON and Array.prototype.toJSON return huge strings, then API calls with object and array arguments
// must: success: the argument encoder ignores toJSON; no trace argument string over the cap
Object.prototype.toJSON = function () {
  return 'j'.repeat(5e6);
};
Array.prototype.toJSON = function () {
  return 'k'.repeat(5e6);
};
pick('red_block', { approach: 'top', liftHeight: 0.12 });
place('blue_block', { releaseHeight: 0.01 });
log('moved', [1, 2, 3], { a: { b: 'c' } });
