// attacks: Other paths to the real Date: the prototype chain's constructor, Reflect.construct, new.target tricks, a subclass
// must: success; every logged date is simulated
const paths = [
  () => new Date().getTime(),
  () => Date.now(),
  () => new (Object.getPrototypeOf(Date.prototype).constructor)().getTime(),
  () => new (new Date().constructor)().getTime(),
  () => Reflect.construct(Date, []).getTime(),
  () => Reflect.construct(Object.getPrototypeOf(Date), [], Date).getTime(),
  () => new (class extends Date {})().getTime(),
  () => Date.prototype.constructor.now(),
  () => Object.getPrototypeOf(Date).prototype.constructor.now(),
];
for (const p of paths) {
  try {
    log('date', p());
  } catch (e) {
    log('refused', e.name);
  }
}
