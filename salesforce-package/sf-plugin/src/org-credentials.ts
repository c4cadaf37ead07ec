import { Messages, type Connection } from '@salesforce/core';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sdr/sf-plugin-sdr', 'sdr.org');

/**
 * The org's side of the link to the SDR service, as the package deploys it: the External Credential SDR_Backend
 * (principal SDR_Backend_Key, authentication parameter ApiKey, sent as `Authorization: Bearer …`), the Named
 * Credential SDR_Backend (the service URL) and the CSP Trusted Site SDR_Backend_Stream (lets the call assistant
 * open the live stream from the browser). Credentials and named credentials go through the Connect REST API;
 * the CSP trusted site is a Tooling API sObject.
 */

export const EXTERNAL_CREDENTIAL = 'SDR_Backend';
export const PRINCIPAL = 'SDR_Backend_Key';
export const KEY_PARAMETER = 'ApiKey';
export const NAMED_CREDENTIAL = 'SDR_Backend';
export const CSP_TRUSTED_SITE = 'SDR_Backend_Stream';

/** ConnectApi.Credential, the parts used here. */
interface Credential {
  authenticationStatus?: string;
  credentials?: Record<string, { encrypted?: boolean; value?: string | null } | undefined>;
}

/** ConnectApi.NamedCredential, the parts used here (the rest is sent back as it came on PUT). */
interface NamedCredential {
  developerName: string;
  masterLabel: string;
  type: string;
  calloutUrl: string;
  externalCredentials?: Array<{ developerName: string }>;
  calloutOptions?: Record<string, boolean>;
  customHeaders?: unknown[];
  parameters?: unknown[];
  networkConnection?: { developerName: string } | null;
}

interface RestError {
  errorCode?: string;
  message?: string;
}

const connectBase = (conn: Connection) => `/services/data/v${conn.getApiVersion()}/named-credentials`;

const credentialQuery = new URLSearchParams({
  externalCredential: EXTERNAL_CREDENTIAL,
  principalType: 'NamedPrincipal',
  principalName: PRINCIPAL,
}).toString();

function isNotFound(error: unknown): boolean {
  return (error as RestError).errorCode === 'NOT_FOUND';
}

function refused(action: string, error: unknown): Error {
  return messages.createError('error.OrgRequestFailed', [action, (error as RestError).message ?? String(error)]);
}

function missing(what: string, target: string): Error {
  return messages.createError('error.PackageMissing', [what], [target]);
}

/** The principal's credential; its `credentials` are empty until a key is stored. */
export async function readKeyCredential(conn: Connection, target: string): Promise<Credential> {
  try {
    return await conn.request<Credential>(`${connectBase(conn)}/credential?${credentialQuery}`);
  } catch (error) {
    if (isNotFound(error)) throw missing(`The External Credential ${EXTERNAL_CREDENTIAL}`, target);
    throw refused(`read the External Credential ${EXTERNAL_CREDENTIAL}`, error);
  }
}

export function hasStoredKey(credential: Credential): boolean {
  return credential.credentials?.[KEY_PARAMETER] !== undefined;
}

/** Stores the key as the principal's ApiKey: created the first time, replaced after that. */
export async function storeApiKey(conn: Connection, apiKey: string, target: string): Promise<'created' | 'replaced'> {
  const existing = await readKeyCredential(conn, target);
  const replace = hasStoredKey(existing);
  const body = {
    externalCredential: EXTERNAL_CREDENTIAL,
    authenticationProtocol: 'Custom',
    principalName: PRINCIPAL,
    principalType: 'NamedPrincipal',
    credentials: { [KEY_PARAMETER]: { value: apiKey, encrypted: true } },
  };
  try {
    await conn.request({
      method: replace ? 'PUT' : 'POST',
      url: `${connectBase(conn)}/credential`,
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    });
  } catch (error) {
    throw refused(`store the key in the External Credential ${EXTERNAL_CREDENTIAL}`, error);
  }
  return replace ? 'replaced' : 'created';
}

export async function readNamedCredential(conn: Connection, target: string): Promise<NamedCredential> {
  try {
    return await conn.request<NamedCredential>(`${connectBase(conn)}/named-credential-setup/${NAMED_CREDENTIAL}`);
  } catch (error) {
    if (isNotFound(error)) throw missing(`The Named Credential ${NAMED_CREDENTIAL}`, target);
    throw refused(`read the Named Credential ${NAMED_CREDENTIAL}`, error);
  }
}

/** Points the Named Credential at the service, keeping everything else as deployed. */
export async function pointNamedCredential(conn: Connection, url: string, target: string): Promise<string> {
  const current = await readNamedCredential(conn, target);
  if (current.calloutUrl === url) return url;
  // PUT replaces the whole definition, so what it does not change is sent back as it came.
  const body = {
    developerName: current.developerName,
    masterLabel: current.masterLabel,
    type: current.type,
    calloutUrl: url,
    externalCredentials: (current.externalCredentials ?? []).map((ec) => ({ developerName: ec.developerName })),
    calloutOptions: current.calloutOptions ?? {},
    customHeaders: current.customHeaders ?? [],
    parameters: current.parameters ?? [],
    ...(current.networkConnection ? { networkConnection: current.networkConnection } : {}),
  };
  try {
    const updated = await conn.request<NamedCredential>({
      method: 'PUT',
      url: `${connectBase(conn)}/named-credential-setup/${NAMED_CREDENTIAL}`,
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    });
    return updated.calloutUrl;
  } catch (error) {
    throw refused(`change the URL of the Named Credential ${NAMED_CREDENTIAL}`, error);
  }
}

interface CspTrustedSiteRecord {
  Id: string;
  EndpointUrl: string;
  IsActive: boolean;
}

async function findCspTrustedSite(conn: Connection): Promise<CspTrustedSiteRecord | undefined> {
  const result = await conn.tooling.query<CspTrustedSiteRecord>(
    `SELECT Id, EndpointUrl, IsActive FROM CspTrustedSite WHERE DeveloperName = '${CSP_TRUSTED_SITE}'`,
  );
  return result.records[0];
}

/** The browser may only open connections to origins, so the site is the service URL's origin. */
export async function pointCspTrustedSite(conn: Connection, url: string, target: string): Promise<string> {
  const origin = new URL(url).origin;
  let site: CspTrustedSiteRecord | undefined;
  try {
    site = await findCspTrustedSite(conn);
  } catch (error) {
    throw refused(`read the CSP Trusted Site ${CSP_TRUSTED_SITE}`, error);
  }
  if (!site) throw missing(`The CSP Trusted Site ${CSP_TRUSTED_SITE}`, target);
  if (site.EndpointUrl === origin && site.IsActive) return origin;
  try {
    await conn.tooling.sobject('CspTrustedSite').update({ Id: site.Id, EndpointUrl: origin, IsActive: true });
  } catch (error) {
    throw refused(`change the CSP Trusted Site ${CSP_TRUSTED_SITE}`, error);
  }
  return origin;
}

export async function readCspTrustedSite(conn: Connection): Promise<string | null> {
  return (await findCspTrustedSite(conn))?.EndpointUrl ?? null;
}
