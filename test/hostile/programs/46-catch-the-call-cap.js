// attacks: Catching the error of the call cap and calling again
// must: the call-cap Error (or a TimeoutError): the stop cannot be caught
for (;;) {
  try {
    getGripper();
  } catch (e) {}
}
