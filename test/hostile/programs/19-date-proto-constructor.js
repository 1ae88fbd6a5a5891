// attacks: new (Object.getPrototypeOf(Date))(): the real Date constructor behind the simulated one
// must: success; every date the program logs is the simulated epoch plus simulated time
const D = Object.getPrototypeOf(Date);
try {
  log('date', new D().getTime());
} catch (e) {
  log('refused', e.name);
}
try {
  log('date', D.now());
} catch (e) {
  log('refused', e.name);
}
