/**
 * The register's public web pages ("Find and update company information"), one per API resource. Every fact taken
 * from an API answer cites the page a person can open to check it; the API itself needs a key, so it is never cited.
 */
export const PUBLIC_REGISTER_URL = 'https://find-and-update.company-information.service.gov.uk';

export type RegisterResource = 'profile' | 'officers' | 'psc' | 'filing-history' | 'charges' | 'insolvency';

const PAGE_SUFFIX: Record<RegisterResource, string> = {
  profile: '',
  officers: '/officers',
  psc: '/persons-with-significant-control',
  'filing-history': '/filing-history',
  charges: '/charges',
  insolvency: '/insolvency',
};

/** The public page of one resource of a company; `number` must already be normalised (see `companyNumber`). */
export function publicPageUrl(number: string, resource: RegisterResource): string {
  return `${PUBLIC_REGISTER_URL}/company/${encodeURIComponent(number)}${PAGE_SUFFIX[resource]}`;
}

export function publicSearchUrl(query: string): string {
  return `${PUBLIC_REGISTER_URL}/search/companies?q=${encodeURIComponent(query)}`;
}
