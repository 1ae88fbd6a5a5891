// The names of what goes wrong: a monitor's failure kinds (one per failing checkpoint) and
// the diagnosis kinds (one per failed attempt). Plain data: monitors, diagnoses, repairers
// and reports key on these, and task files name them in their correction hints, so they
// live here where every folder (and the browser) may import them.

/** Why a checkpoint is not ok. Repairers and reports key on these, never on prose. */
export const FAILURE_KINDS = [
  /** The subgoal's `expect` predicate does not hold at its end. */
  'expectation-unmet',
  /** …and that predicate is `grasped`: the object is not in the hand. */
  'not-grasped',
  /** An object held at the previous checkpoint is no longer held, with no release in between. */
  'dropped',
  /** An object that stood upright is now tilted over. */
  'toppled',
  /** An object left the table (or fell to the floor). */
  'off-table',
  /** An object the subgoal does not name moved more than DISTURB_LIMIT. */
  'disturbed',
  /** The program ended with an object still in the gripper, and nothing asked it to hold one. */
  'still-held',
  /** The program raised an error here. */
  'program-error',
  /** The pixel monitor could not see an object it needed. */
  'not-visible',
  /** The monitor itself could not judge (a model call failed, a reply was unreadable). */
  'monitor-error',
] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];

/** What the fused diagnosis of a failed attempt says went wrong (monitor/diagnosis.ts). */
export const DIAGNOSIS_KINDS = [
  'slipped-grasp',
  'nothing-grasped',
  'knocked-over',
  'missed-place',
  'wrong-object-moved',
  'collision',
  'reach',
  'timeout',
  'syntax',
  'program-error',
  'unknown',
] as const;
export type DiagnosisKind = (typeof DIAGNOSIS_KINDS)[number];
