/**
 * Whether a phrase at `index` is negated by what precedes it in its clause: "it's not too expensive", "I don't
 * think price is an issue", "we're not locked into a contract". The clause starts after the last punctuation or
 * conjunction, so "No, it's too expensive" and "It's not bad, but it's too expensive" stay objections.
 */
const NEGATION =
  /^(?:not|no|never|nothing|neither|nor|hardly|barely|without|cannot|(?:do|does|did|is|are|was|were|ca|could|would|should|wo|have|has|had|ai|must|need)n['’]?t)$/;
const CLAUSE_BREAK = /^(?:but|and|so|because|cos|although|though|however|whereas|while|yet|except|if)$/;
const LOOKBACK_WORDS = 6;
const LOOKBACK_CHARS = 80;

export function negatedBefore(text: string, index: number): boolean {
  const from = Math.max(0, index - LOOKBACK_CHARS);
  let before = text.slice(from, index);
  const punctuation = Math.max(...[...',.;:!?—–()'].map((c) => before.lastIndexOf(c)));
  if (punctuation >= 0) before = before.slice(punctuation + 1);
  const words = before.toLowerCase().match(/[a-z'’]+/g) ?? [];
  for (let i = words.length - 1, seen = 0; i >= 0 && seen < LOOKBACK_WORDS; i--, seen++) {
    const word = words[i]!;
    if (CLAUSE_BREAK.test(word)) return false;
    if (NEGATION.test(word)) return true;
  }
  return false;
}
