// attacks: An object argument whose toString and valueOf loop forever (the host must not coerce it)
// must: ArgumentError
const sneaky = {
  toString() {
    for (;;) {}
  },
  valueOf() {
    for (;;) {}
  },
};
getObject(sneaky);
