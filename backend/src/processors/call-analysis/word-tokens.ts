/**
 * Words with their positions, for matching names against a transcript. A word is a run of letters and digits;
 * an apostrophe ending ("Trakwell's", "Trakwells'") belongs to the word but not to its comparable form, so
 * possessives match the bare name.
 */
export interface WordToken {
  /** Lower case, without the possessive ending: the form compared with terms. */
  norm: string;
  /** As written, without the possessive ending: short acronyms are compared case-sensitively with it. */
  raw: string;
  start: number;
  /** Exclusive; includes the possessive ending. */
  end: number;
  /** Whether the gap before this word may sit inside a multi-word name: spaces, a hyphen or "&", nothing else. */
  joinsPrevious: boolean;
  /** Whether a single hyphen and no space joins it to the previous word, as in "Trak-Well". */
  hyphenated: boolean;
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*['’]?/gu;
const POSSESSIVE = /['’](?:s|S)?$/;
const JOINING_GAP = /^\s*(?:[-‐‑–&+]\s*)?$/;
const HYPHEN = /^[-‐‑]$/;

export function wordTokens(text: string): WordToken[] {
  const tokens: WordToken[] = [];
  let previousEnd = -1;
  for (const m of text.matchAll(WORD)) {
    const start = m.index;
    const raw = m[0].replace(POSSESSIVE, '');
    if (raw === '') continue;
    const gap = previousEnd < 0 ? '' : text.slice(previousEnd, start);
    tokens.push({
      norm: raw.toLowerCase(),
      raw,
      start,
      end: start + m[0].length,
      joinsPrevious: previousEnd >= 0 && JOINING_GAP.test(gap),
      hyphenated: previousEnd >= 0 && HYPHEN.test(gap),
    });
    previousEnd = start + m[0].length;
  }
  return tokens;
}

/** The words of a configured term, for building the matcher. */
export function termWords(term: string): WordToken[] {
  return wordTokens(term.normalize('NFC'));
}
