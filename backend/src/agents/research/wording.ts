/** How the report words register values for people: dates, company types, officer names and roles. */

const DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** `2012-06-14` → `14 June 2012`. */
export function longDate(isoDate: string): string {
  return DATE.format(new Date(`${isoDate.slice(0, 10)}T00:00:00Z`));
}

/** Whole years from one ISO date to an instant. */
export function yearsSince(isoDate: string, now: Date): number {
  const from = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  let years = now.getUTCFullYear() - from.getUTCFullYear();
  const beforeAnniversary =
    now.getUTCMonth() < from.getUTCMonth() ||
    (now.getUTCMonth() === from.getUTCMonth() && now.getUTCDate() < from.getUTCDate());
  if (beforeAnniversary) years -= 1;
  return Math.max(0, years);
}

/** Whether an ISO date falls within the last `months` months before `now`. */
export function withinMonths(isoDate: string | null, now: Date, months: number): boolean {
  if (!isoDate) return false;
  const since = new Date(now);
  since.setUTCMonth(since.getUTCMonth() - months);
  const at = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  return at >= since && at <= now;
}

const COMPANY_TYPES: Record<string, string> = {
  ltd: 'a private limited company',
  plc: 'a public limited company',
  llp: 'a limited liability partnership',
  'private-unlimited': 'a private unlimited company',
  'private-limited-guarant-nsc': 'a private company limited by guarantee',
  'private-limited-guarant-nsc-limited-exemption': 'a private company limited by guarantee',
  'limited-partnership': 'a limited partnership',
  'scottish-partnership': 'a Scottish partnership',
  'charitable-incorporated-organisation': 'a charitable incorporated organisation',
  'royal-charter': 'a royal charter company',
  'registered-society-non-jurisdictional': 'a registered society',
  'oversea-company': 'an overseas company with a UK establishment',
};

export function companyType(type: string): string {
  return COMPANY_TYPES[type] ?? `a company of type ${type.replace(/-/g, ' ')}`;
}

export function statusWords(status: string): string {
  return status.replace(/-/g, ' ');
}

const ROLES: Record<string, string> = {
  director: 'Director',
  'corporate-director': 'Director (a company)',
  'nominee-director': 'Nominee director',
  secretary: 'Secretary',
  'corporate-secretary': 'Secretary (a company)',
  'llp-member': 'LLP member',
  'llp-designated-member': 'LLP designated member',
  'corporate-llp-member': 'LLP member (a company)',
  'corporate-llp-designated-member': 'LLP designated member (a company)',
};

export function officerRole(role: string): string {
  return ROLES[role] ?? role.charAt(0).toUpperCase() + role.slice(1).replace(/-/g, ' ');
}

/** Officers whose role runs the company: directors and LLP members, not secretaries. */
export function isBoardRole(role: string): boolean {
  return /director|llp-(designated-)?member/.test(role);
}

/**
 * The register writes people as `OKAFOR, Daniel James`; people say `Daniel James Okafor`. Company officers (all
 * capitals, no comma) keep their name.
 */
export function personName(registerName: string): string {
  const comma = registerName.indexOf(',');
  if (comma < 0) return registerName.trim();
  const surname = registerName.slice(0, comma).trim();
  const forenames = registerName.slice(comma + 1).trim();
  const titled = surname
    .toLowerCase()
    .replace(/(^|[\s'-])([a-z])/g, (_match, before: string, letter: string) => before + letter.toUpperCase());
  return forenames ? `${forenames} ${titled}` : titled;
}

const CONTROL: [RegExp, string][] = [
  [/ownership-of-shares-75-to-100-percent/, 'owns 75–100% of the shares'],
  [/ownership-of-shares-50-to-75-percent/, 'owns 50–75% of the shares'],
  [/ownership-of-shares-25-to-50-percent/, 'owns 25–50% of the shares'],
  [/voting-rights-75-to-100-percent/, 'holds 75–100% of the votes'],
  [/voting-rights-50-to-75-percent/, 'holds 50–75% of the votes'],
  [/voting-rights-25-to-50-percent/, 'holds 25–50% of the votes'],
  [/right-to-appoint-and-remove-directors/, 'can appoint and remove directors'],
  [/significant-influence-or-control/, 'has significant influence or control'],
];

/** The strongest way a person controls the company, in words. */
export function controlWords(natures: string[]): string {
  for (const [pattern, words] of CONTROL) if (natures.some((nature) => pattern.test(nature))) return words;
  return 'has significant control';
}
