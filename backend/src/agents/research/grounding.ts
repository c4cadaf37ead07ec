import type { Fact } from '@sdr/shared';

/**
 * Whether a sentence says only what the facts it cites say. A model writing from facts can still slip in a number,
 * a date or a name of its own; those are the claims a rep would repeat to a prospect, so each must be found in the
 * cited facts' words. Plain words are free: wording is the model's job, the claims are not.
 */
export function isGrounded(sentence: string, cited: Fact[], alsoKnown: string[] = []): boolean {
  const material = normalise(
    [...cited.flatMap((fact) => [fact.statement, String(fact.value ?? '')]), ...alsoKnown].join(' '),
  );
  return claimsOf(sentence).every((claim) => material.includes(normalise(claim)));
}

function normalise(text: string): string {
  return ` ${text
    .toLowerCase()
    .replace(/(\d),(?=\d{3})/g, '$1')
    .replace(/[’']/g, "'")
    .replace(/[^a-z0-9%'.£$€ -]+/g, ' ')
    // A full stop ends a sentence unless it sits inside a number (2.5).
    .replace(/\.(?!\d)|(?<!\d)\./g, ' ')
    .replace(/\s+/g, ' ')} `;
}

/** Words that open a sentence without naming anything: a capital there is grammar, not a proper noun. */
const SENTENCE_STARTERS = new Set(
  (
    'a an the this that these those their they it its his her he she we our you your i ' +
    'ask lead open mention with since as use compare check congratulate reference bring start offer explore highlight ' +
    'raise discuss acknowledge confirm position show point follow given after before now when if new recent both ' +
    'each consider note focus emphasise emphasize tie frame probe propose share suggest tailor invite remind pick keep ' +
    'avoid be do make find learn take try plan prepare review there here what how why who which while although ' +
    'because once over under about around across between into recently currently today leading established founded ' +
    'incorporated registered another one two three several many most some any all no not only also'
  ).split(' '),
);

/** The checkable claims in a sentence: numbers (with their unit words) and names (runs of capitalised words). */
export function claimsOf(sentence: string): string[] {
  const claims: string[] = [];
  for (const match of sentence.matchAll(/\d[\d,.]*%?/g)) claims.push(match[0].replace(/[.,]$/, ''));
  const words = sentence.split(/\s+/);
  let run: string[] = [];
  const flush = () => {
    if (run.length > 0) claims.push(run.join(' '));
    run = [];
  };
  words.forEach((raw, index) => {
    const word = raw.replace(/^[("'“‘]+|[)"'”’.,;:!?]+$/g, '');
    const startsSentence = index === 0 || /[.!?:]$/.test(words[index - 1] ?? '');
    const capitalised = /^[A-Z][\p{L}&'’-]*$/u.test(word) || /^[A-Z0-9&]{2,}$/.test(word);
    if (!capitalised || /^\d/.test(word)) return flush();
    if (startsSentence && run.length === 0 && SENTENCE_STARTERS.has(word.toLowerCase())) return flush();
    run.push(word);
    if (word !== raw) flush();
  });
  flush();
  return claims;
}
