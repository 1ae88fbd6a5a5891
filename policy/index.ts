// policy/: the controller. Its four parts, each with its own public surface:
//   program/      the program API, the QuickJS sandbox, the bindings and the trace
//   programmers/  what writes programs: the interface, the LLM programmer, the rule programmer
//   loop/         one episode: generate → run → monitor → diagnose → repair, and its record
//   suite/        many episodes on a worker pool, with results, summary and report
// Other folders import from here or from a part's index.ts, never from a file inside.

export * from './program/index.ts';
export * from './programmers/index.ts';
export * from './loop/index.ts';
export * from './suite/index.ts';
export * from './corrections/index.ts';
