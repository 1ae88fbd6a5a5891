// attacks: with (where Math.log shadows the API's log), labels, comma operators, HTML comments, unicode escapes in identifiers, getters in literals, debugger
// must: success with the logs of each
let floored;
with (Math) {
  floored = floor(PI);
}
log('with', floored);
outer: for (let i = 0; i < 3; i++) {
  for (let j = 0; j < 3; j++) {
    if (j === 1) continue outer;
    if (i === 2) break outer;
  }
}
<!-- an HTML-like comment
var \u0061bc = (1, 2, 3);
log('escaped identifier', abc);
const lit = { get v() { return 7; }, ['comp' + 'uted']: 1 };
log('getter', lit.v, lit.computed);
debugger;
void 0;
log('label loop done');
