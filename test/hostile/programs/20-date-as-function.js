// attacks: Date() called as a function (a string of the current time) and Date.parse of it
// must: success; the logged dates are the simulated epoch plus simulated time
log('date', Date.parse(Date()));
log('date', Date.parse(new Date().toString()));
wait(1);
log('date', Date.parse(Date()));
