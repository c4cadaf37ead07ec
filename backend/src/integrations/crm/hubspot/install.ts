import { hubspotSdk } from './sdk.ts';
import type { HubSpotSession, HubSpotTokens } from './client.ts';

/**
 * The scopes the app asks for: read and write the three objects it syncs, read owners, add its own properties.
 * Calls and meetings come with the contacts scope; an e-mail's subject and direction need `sales-email-read`.
 */
export const HUBSPOT_SCOPES = [
  'oauth',
  'crm.objects.contacts.read',
  'crm.objects.contacts.write',
  'crm.objects.companies.read',
  'crm.objects.companies.write',
  'crm.objects.deals.read',
  'crm.objects.deals.write',
  'crm.objects.owners.read',
  'sales-email-read',
  'crm.schemas.contacts.read',
  'crm.schemas.contacts.write',
  'crm.schemas.companies.read',
  'crm.schemas.deals.read',
  'crm.schemas.deals.write',
];

export function hubspotAuthorizeUrl(input: {
  authorizeUrl: string;
  clientId: string;
  redirectUri: string;
  state: string;
}): string {
  const url = new URL(input.authorizeUrl);
  url.searchParams.set('client_id', input.clientId);
  url.searchParams.set('redirect_uri', input.redirectUri);
  url.searchParams.set('scope', HUBSPOT_SCOPES.join(' '));
  url.searchParams.set('state', input.state);
  return url.toString();
}

/** Trades the install's code for tokens and learns which portal installed the app. */
export async function exchangeHubSpotCode(input: {
  apiUrl: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  code: string;
}): Promise<{ tokens: HubSpotTokens; portalId: string }> {
  const oauth = new (hubspotSdk().Client)({ basePath: input.apiUrl, numberOfApiCallRetries: 2 }).oauth;
  const response = await oauth.tokensApi.create(
    'authorization_code',
    input.code,
    input.redirectUri,
    input.clientId,
    input.clientSecret,
  );
  const info = await oauth.accessTokensApi.get(response.accessToken);
  return {
    tokens: {
      accessToken: response.accessToken,
      refreshToken: response.refreshToken ?? null,
      expiresAt: Date.now() + response.expiresIn * 1000,
    },
    portalId: String(info.hubId),
  };
}

const GROUP = { name: 'sdr_enhancement', label: 'SDR Enhancement', displayOrder: -1 };

/** The properties scores are written to; created on install (and checked again on each connect) when missing. */
export const SCORE_PROPERTIES = [
  { name: 'sdr_ev', label: 'SDR EV score', type: 'number', fieldType: 'number', description: 'Expected value, 0-100' },
  {
    name: 'sdr_ev_amount',
    label: 'SDR expected value',
    type: 'number',
    fieldType: 'number',
    description: 'P(convert) × expected deal value, in the portal currency',
  },
  {
    name: 'sdr_risk',
    label: 'SDR risk',
    type: 'number',
    fieldType: 'number',
    description: 'Risk of loss or slip, 0-100',
  },
  { name: 'sdr_urgency', label: 'SDR urgency', type: 'number', fieldType: 'number', description: 'Urgency, 0-100' },
  {
    name: 'sdr_reasons',
    label: 'SDR score reasons',
    type: 'string',
    fieldType: 'textarea',
    description: 'The top reasons behind each score',
  },
  { name: 'sdr_scored_at', label: 'SDR scored at', type: 'datetime', fieldType: 'date', description: 'When scored' },
] as const;

export async function ensureScoreProperties(session: HubSpotSession): Promise<{ created: string[] }> {
  const created: string[] = [];
  for (const objectType of ['contacts', 'deals']) {
    const groups = await session.call((sdk) => sdk.crm.properties.groupsApi.getAll(objectType));
    if (!groups.results.some((group) => group.name === GROUP.name))
      await session.call((sdk) => sdk.crm.properties.groupsApi.create(objectType, GROUP));
    const existing = await session.call((sdk) => sdk.crm.properties.coreApi.getAll(objectType));
    const names = new Set(existing.results.map((property) => property.name));
    for (const property of SCORE_PROPERTIES) {
      if (names.has(property.name)) continue;
      await session.call((sdk) =>
        sdk.crm.properties.coreApi.create(objectType, {
          ...property,
          groupName: GROUP.name,
        } as unknown as Parameters<typeof sdk.crm.properties.coreApi.create>[1]),
      );
      created.push(`${objectType}.${property.name}`);
    }
  }
  return { created };
}
