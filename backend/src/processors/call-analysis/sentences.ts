export interface Sentence {
  text: string;
  /** Offset of `text` in the whole text. */
  index: number;
}

// A full stop, "!" or "?" ends a sentence only before a space or the end, so "£1.50" and "trakwell.com" stay whole.
const SENTENCE = /(?:[^.!?\n]|[.!?](?=[^\s.!?]))+(?:[.!?]+|\n|$)/g;

/** The sentences of a transcript segment, trimmed, with their offsets. Transcribers punctuate loosely. */
export function sentences(text: string): Sentence[] {
  const found: Sentence[] = [];
  for (const m of text.matchAll(SENTENCE)) {
    const raw = m[0];
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (trimmed !== '') found.push({ text: trimmed, index: m.index + lead });
  }
  return found;
}
