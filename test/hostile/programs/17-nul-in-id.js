// attacks: getObject('red_block\u0000x'): a NUL that a C-string crossing would cut to 'red_block'
// must: ArgumentError naming the NUL; red_block is not resolved
const o = getObject('red_block\u0000x');
log('resolved to', o.id);
