// A complete Diagnosis from the few fields a test cares about (the rest empty), so tests
// of repairers and prompts pass the real type instead of a duck-typed fragment.
import type { Diagnosis } from '../../monitor/index.ts';

export function makeDiagnosis(fields: Partial<Diagnosis> & Pick<Diagnosis, 'kind'>): Diagnosis {
  return {
    summary: '',
    line: null,
    checkpoint: null,
    checkpointLabel: null,
    subgoal: null,
    failures: [],
    error: null,
    predicate: null,
    offset: null,
    sceneDiff: null,
    sceneDiffFrom: null,
    events: [],
    success: null,
    facts: { cause: null, allCheckpointsPassed: false, unmet: null, shortfalls: [], disturbances: [], slips: [], untouched: [], task: [] },
    text: '',
    ...fields,
  };
}
