// attacks: log() of an object whose getter calls log() and pick() while the arguments are encoded
// must: success; events in order
log('outer', {
  get a() {
    log('inner');
    pick('red_block');
    return 1;
  },
});
log('after');
