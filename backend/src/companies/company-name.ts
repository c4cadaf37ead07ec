/**
 * Company names as people and registers write them, made comparable: "Acme Ltd", "ACME Limited" and "acme" are one
 * company. Used to tie leads to accounts (routing) and companies to register entries (research).
 */

/** Legal forms, in the spellings seen in CRMs, dropped wherever they end a name. */
const LEGAL_FORMS = [
  'limited',
  'ltd',
  'plc',
  'llp',
  'lp',
  'llc',
  'inc',
  'incorporated',
  'corp',
  'corporation',
  'co',
  'company',
  'gmbh',
  'ag',
  'kg',
  'sa',
  'sas',
  'sarl',
  'srl',
  'spa',
  'bv',
  'nv',
  'pty',
  'pte',
  'ab',
  'as',
  'asa',
  'oy',
  'aps',
  'kk',
  'sl',
  'cic',
  'cyf',
  'cyfyngedig',
  'ccc',
  'group',
  'holdings',
  // A country tag on a group's local company ("Orsted UK Ltd") names the same business.
  'uk',
].sort((a, b) => b.length - a.length);

const TRAILING_FORMS = new RegExp(`(?:\\s(?:${LEGAL_FORMS.join('|')}))+$`);

/**
 * Lower case, accents and punctuation gone, "&" as "and", initials joined, a leading "the" and trailing legal forms
 * dropped.
 */
export function normaliseCompanyName(name: string): string {
  const plain = name
    // Letters NFKD does not take apart into a base letter and an accent.
    .replace(/[Øø]/g, 'o')
    .replace(/[Ææ]/g, 'ae')
    .replace(/ß/g, 'ss')
    .replace(/[Łł]/g, 'l')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[''`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    // Initials written with dots or spaces ("B.T.", "I B M") are one word.
    .replace(/\b(?:[a-z] )+[a-z]\b/g, (initials) => initials.replace(/ /g, ''))
    .replace(/^the\s+/, '');
  // Only forms after a first word go: "Company Ltd" stays "company" rather than vanishing.
  return plain.replace(TRAILING_FORMS, '').trim();
}

function bigrams(text: string): Map<string, number> {
  const compact = ` ${text} `;
  const grams = new Map<string, number>();
  for (let i = 0; i < compact.length - 1; i += 1) {
    const gram = compact.slice(i, i + 2);
    grams.set(gram, (grams.get(gram) ?? 0) + 1);
  }
  return grams;
}

/**
 * How alike two normalised names are, 0 to 1: the Sørensen–Dice coefficient of their letter pairs, which forgives a
 * typo, a missing word or swapped words more gracefully than edit distance does.
 */
export function nameSimilarity(a: string, b: string): number {
  if (a === b) return a ? 1 : 0;
  if (!a || !b) return 0;
  const left = bigrams(a);
  const right = bigrams(b);
  let shared = 0;
  for (const [gram, count] of left) shared += Math.min(count, right.get(gram) ?? 0);
  const total = [...left.values(), ...right.values()].reduce((sum, count) => sum + count, 0);
  return (2 * shared) / total;
}
