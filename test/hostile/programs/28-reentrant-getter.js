// attacks: Getters on an options argument that call the API while the argument is read (re-entrant calls)
// must: success or ArgumentError; the trace stays ordered and nothing is corrupted
let inner = 0;
const opts = {
  get speed() {
    inner++;
    getGripper();
    log('inside the getter', inner);
    return 0.2;
  },
};
moveTo([0.05, 0.0, 0.25], opts);
log('inner calls', inner);
