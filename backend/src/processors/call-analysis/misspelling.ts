import { distance } from 'fastest-levenshtein';

/** Terms shorter than this are matched exactly only: at four letters one edit turns too many names into words. */
export const MIN_FUZZY_LENGTH = 5;

/** Edits tolerated for a term word of this many letters: one up to eight letters, two beyond. */
export function allowedEdits(length: number): number {
  if (length < MIN_FUZZY_LENGTH) return 0;
  return length <= 8 ? 1 : 2;
}

/**
 * Damerau-Levenshtein distance (optimal string alignment) for the short words compared here. Levenshtein counts a
 * swap of adjacent letters ("Trakwlel") as two edits where a typist or a transcriber makes one; the swap is looked
 * for at the first difference, which is where a single misspelling puts it.
 */
export function editDistance(a: string, b: string): number {
  const d = distance(a, b);
  if (d <= 1) return d;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  if (i + 1 < a.length && i + 1 < b.length && a[i] === b[i + 1] && a[i + 1] === b[i])
    return Math.min(d, 1 + distance(a.slice(i + 2), b.slice(i + 2)));
  return d;
}

/**
 * The edits that turn `word` (from the transcript) into `term` (a configured word), or null when `word` is not a
 * plausible misspelling of it. Beyond the distance, a misspelling keeps the first letter and the length within one,
 * and a two-edit one also keeps the last letter: transcribers mishear the middle of a name. Those guards keep
 * ordinary words out, such as "routine" or "routeing" for "Routeline".
 */
export function misspellingEdits(word: string, term: string): number | null {
  const max = allowedEdits(term.length);
  if (max === 0 || word.length < MIN_FUZZY_LENGTH || word === term) return null;
  if (word[0] !== term[0] || Math.abs(word.length - term.length) > 1) return null;
  const d = editDistance(word, term);
  if (d === 0 || d > max) return null;
  if (d === 2 && word[word.length - 1] !== term[term.length - 1]) return null;
  return d;
}
