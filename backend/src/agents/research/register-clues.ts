import { domainOf } from '../../companies/web-domain.ts';

/** What else than a name tells a register entry apart: the web domain's distinctive part, the postcode, the country. */

/** A web domain's distinctive part: `www.northwind-logistics.co.uk` → `northwindlogistics`. */
export function domainStem(domain: string): string {
  const labels = (domainOf(domain) ?? '').split('.').filter(Boolean);
  // Drop the public suffix: one label (.com), or two for the second-level ones (.co.uk, .org.uk, .com.au).
  const secondLevel = labels.length >= 3 && /^(co|org|ac|gov|ltd|plc|me|net|com)$/.test(labels[labels.length - 2]!);
  const stem = labels.slice(0, labels.length - (secondLevel ? 2 : 1)).pop() ?? '';
  return stem.replace(/[^a-z0-9]/g, '');
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
