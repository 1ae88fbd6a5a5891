// attacks: A subgoal expect predicate with a getter that picks and loops
// must: TimeoutError or ArgumentError, within the budget + 2 s
subgoal('tricky', {
  expect: {
    get on() {
      pick('red_block');
      for (;;) {}
    },
  },
});
