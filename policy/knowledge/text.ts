// Words for the knowledge base's full-text index (docs/knowledge.md#full-text-search): the
// store tokenises and stems in JavaScript, the same way for what it indexes and what it asks,
// so the FTS5 table (plain `unicode61`) holds exactly these tokens and the store can read each
// query word's document frequency from the fts5vocab table before it searches.

/** Words a query leaves out: they say nothing about which lesson applies. */
const STOPWORDS = new Set(
  (
    'a an the and or but of to in on at by for from with into onto it its is are be been was were this that these those ' +
    'then than them they there their it s up down off out over under as so do does not no yes i you we me my your our ' +
    'cm mm m please just now again'
  ).split(' '),
);

/** Lowercase words of a text, diacritics removed (what `unicode61 remove_diacritics 2` would give). */
export function words(text: string): string[] {
  return (
    text
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

const VOWEL = /[aeiouy]/;

/**
 * A light English stemmer: plural and verb endings off, a doubled final consonant undone,
 * a final `e` dropped — so grasp / grasps / grasping / grasped, move / moving / moved,
 * slip / slips / slipping / slipped, box / boxes meet. Deterministic and deliberately
 * simple; both sides of a match go through it.
 */
export function stem(word: string): string {
  let w = word;
  if (w.length <= 3 || /^\d+$/.test(w)) return w;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) w = w.slice(0, -1);
  for (const suffix of ['ing', 'ed']) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 3 && VOWEL.test(w.slice(0, -suffix.length))) {
      w = w.slice(0, -suffix.length);
      if (/([b-df-hj-np-tv-z])\1$/.test(w) && !/(ll|ss|zz)$/.test(w)) w = w.slice(0, -1);
      break;
    }
  }
  if (w.endsWith('e') && w.length > 3) w = w.slice(0, -1);
  return w;
}

/** What the index stores for a text: its stemmed words, space-separated. */
export function indexText(text: string): string {
  return words(text).map(stem).join(' ');
}

/** A text's distinct stemmed query terms: no stopwords, no bare numbers. */
export function queryTerms(text: string): string[] {
  return [...new Set(words(text).flatMap((w) => (STOPWORDS.has(w) || /^\d+$/.test(w) ? [] : [stem(w)])))];
}

/** Terms as an FTS5 query: each quoted, ORed (they hold only letters and digits). */
export function ftsMatch(terms: readonly string[]): string {
  return terms.map((t) => `"${t}"`).join(' OR ');
}
