// The predicate JSON forms (docs/architecture.md#predicates), as compact as a model can still read them:
// the prompt's rendering of sim's one declaration (PREDICATE_KINDS, PredicateSchema).
// A test checks that every kind the schema knows appears here and that the literal
// examples parse, so the two do not drift apart.

export const PREDICATE_PROMPT_FORMS = [
  "{grasped:'a'} {on:['a','b']} {inside:['a','bowl']} {above:['a',0.05]} {near:['a','b' or [x,y],0.03]} {upright:'a'} {onTable:'a'}",
  "{unmoved:['a',0.01]} (since start) {inZone:['a','zone']} {inRegion:['a','center']} {ordered:{ids:['a','b'],axis:'x'}} {row:{ids:['a','b','c'],axis:'x'}}",
  "{circle:{ids:['a','b','c'],center:'bowl'}} {line:{ids,direction}} {offset:{id,from,direction,min,max}} {every:{select,holds}} {some:…} {distinct:{select,among}}",
  '{all:[P,…]} {any:[P,…]} {not:P}',
].join('\n');

/** Predicate kinds named in PREDICATE_PROMPT_FORMS (for the drift test). */
export function predicateKindsInForms(): string[] {
  return [...PREDICATE_PROMPT_FORMS.matchAll(/(?<![:\w])\{(\w+):/g)].map((m) => m[1]!);
}
