// The predicate JSON forms (docs/architecture.md#predicates), as compact as a model can still read them:
// the prompt's rendering of sim's one declaration (PREDICATE_KINDS, PredicateSchema).
// A test checks that every kind the schema knows appears here and that the literal
// examples parse, so the two do not drift apart.

export const PREDICATE_PROMPT_FORMS = [
  "{grasped:'a'}  {on:['a','b']}  {inside:['a','bowl']}  {above:['a',0.05]} (lifted ≥ 5 cm)",
  "{near:['a','b' or [x,y],0.03]} (within 3 cm)  {upright:'a'}  {onTable:'a'}  {unmoved:['a',0.01]} (since the start)",
  "{inZone:['a','zone']}  {ordered:{ids:['a','b','c'],axis:'x'}} (increasing x)  {all:[P,…]}  {any:[P,…]}  {not:P}",
  "{row:{ids:['a','b','c'],axis:'x'}} (ordered and in line)  {circle:{ids:['a','b','c'],center:'bowl'}} (evenly around it)",
].join('\n');

/** Predicate kinds named in PREDICATE_PROMPT_FORMS (for the drift test). */
export function predicateKindsInForms(): string[] {
  return [...PREDICATE_PROMPT_FORMS.matchAll(/(?<![:\w])\{(\w+):/g)].map((m) => m[1]!);
}
