// attacks: An API call with 60,000 arguments (spread), just under QuickJS's own limit of 65,534
// must: ArgumentError (too many arguments); the trace holds at most the copied ones
const args = new Array(6e4).fill('red_block');
getObject(...args);
