// attacks: Throwing a Symbol (a value with no string conversion)
// must: Error saying the program threw a value
try {
  throw null;
} catch (e) {
  log('null caught');
}
throw Symbol('odd');
