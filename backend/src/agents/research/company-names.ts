/**
 * Company names as the register writes them and as people type them differ in case, punctuation, "&" and the legal
 * suffix ("Acme Ltd" is ACME LIMITED). Comparing the normalised forms leaves only the differences that matter.
 */
const LEGAL_SUFFIXES = [
  'PUBLIC LIMITED COMPANY',
  'LIMITED LIABILITY PARTNERSHIP',
  'COMMUNITY INTEREST COMPANY',
  'LIMITED',
  'LTD',
  'PLC',
  'LLP',
  'LP',
  'CIC',
  'CYF',
  'CYFYNGEDIG',
  'CCC',
  'INC',
  'INCORPORATED',
  'CORP',
  'CORPORATION',
  'CO',
  'COMPANY',
  'GROUP',
  'HOLDINGS',
  'UK',
];

const SUFFIX_PATTERN = new RegExp(`(?:\\s+(?:${LEGAL_SUFFIXES.join('|')}))+$`);

/** Upper case, "&" as AND, punctuation and a leading THE dropped, the legal suffixes (and GROUP, UK…) cut off. */
export function normaliseCompanyName(name: string): string {
  const plain = name
    .replace(/[Øø]/g, 'O')
    .replace(/[Ææ]/g, 'AE')
    .replace(/ß/g, 'SS')
    .replace(/[Łł]/g, 'L')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/&/g, ' AND ')
    .replace(/\b([A-Z])\.(?=[A-Z]\.)/g, '$1')
    .replace(/[^A-Z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^THE /, '');
  const core = plain.replace(SUFFIX_PATTERN, '').trim();
  // A name that is nothing but suffixes ("Group Ltd") keeps them: an empty name would match everything.
  return core === '' ? plain : core;
}

/** A web domain's distinctive part: `www.northwind-logistics.co.uk` → `NORTHWINDLOGISTICS`. */
export function domainStem(domain: string): string {
  const host = domain
    .trim()
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, '')
    .replace(/[/?#].*$/, '')
    .replace(/^www\./, '');
  const labels = host.split('.').filter(Boolean);
  // Drop the public suffix: one label (.com), or two for the second-level ones (.co.uk, .org.uk, .com.au).
  const secondLevel = labels.length >= 3 && /^(co|org|ac|gov|ltd|plc|me|net|com)$/.test(labels[labels.length - 2]!);
  const stem = labels.slice(0, labels.length - (secondLevel ? 2 : 1)).pop() ?? '';
  return stem.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/** UK postcodes compared without spaces and case: `sw1a 1aa` = `SW1A1AA`; the outward code is the part before the space. */
export function normalisePostcode(postcode: string): { full: string; outward: string } {
  const full = postcode.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return { full, outward: full.length > 3 ? full.slice(0, -3) : full };
}

const UK_NAMES = new Set([
  'GB',
  'UK',
  'GBR',
  'UNITED KINGDOM',
  'GREAT BRITAIN',
  'ENGLAND',
  'SCOTLAND',
  'WALES',
  'NORTHERN IRELAND',
  'ENGLAND AND WALES',
]);

/** Whether a CRM's country field names the UK (null when it is empty: unknown is not foreign). */
export function isUkCountry(country: string | null | undefined): boolean | null {
  if (!country || country.trim() === '') return null;
  return UK_NAMES.has(
    country
      .toUpperCase()
      .replace(/[^A-Z ]/g, '')
      .replace(/\s+/g, ' ')
      .trim(),
  );
}
