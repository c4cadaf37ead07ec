import { jsforce } from './jsforce.ts';
import type { StoredTokens } from '../connections.ts';
import { jwtAssertion } from './jwt.ts';
import type { SalesforceApp } from './session.ts';

export interface SalesforceGrant {
  instanceUrl: string;
  orgId: string;
  tokens: StoredTokens;
}

function oauth2(app: SalesforceApp, loginUrl: string) {
  return new (jsforce().OAuth2)({
    clientId: app.clientId,
    ...(app.clientSecret ? { clientSecret: app.clientSecret } : {}),
    ...(app.redirectUri ? { redirectUri: app.redirectUri } : {}),
    loginUrl,
  });
}

/** The consent page of the OAuth 2.0 web-server flow; `refresh_token` keeps the sync running after the session. */
export function salesforceAuthorizeUrl(app: SalesforceApp, loginUrl: string, state: string): string {
  return oauth2(app, loginUrl).getAuthorizationUrl({ scope: 'api refresh_token', state });
}

export async function exchangeSalesforceCode(
  app: SalesforceApp,
  loginUrl: string,
  code: string,
): Promise<SalesforceGrant> {
  const conn = new (jsforce().Connection)({ oauth2: oauth2(app, loginUrl), version: app.apiVersion });
  const user = await conn.authorize(code);
  return {
    instanceUrl: conn.instanceUrl,
    orgId: user.organizationId,
    tokens: { accessToken: conn.accessToken ?? '', refreshToken: conn.refreshToken ?? null, expiresAt: null, loginUrl },
  };
}

export async function connectWithJwt(
  app: SalesforceApp & { privateKeyPem: string },
  loginUrl: string,
  username: string,
): Promise<SalesforceGrant> {
  const conn = new (jsforce().Connection)({ oauth2: oauth2(app, loginUrl), version: app.apiVersion });
  const assertion = jwtAssertion({
    clientId: app.clientId,
    username,
    audience: loginUrl,
    privateKeyPem: app.privateKeyPem,
    now: Date.now(),
  });
  const user = await conn.authorize({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion });
  return {
    instanceUrl: conn.instanceUrl,
    orgId: user.organizationId,
    tokens: { accessToken: conn.accessToken ?? '', refreshToken: null, expiresAt: null, username, loginUrl },
  };
}

/** Salesforce ids come in 15- and 18-character forms; the first 15 characters identify the record. */
export const sameOrg = (a: string, b: string) => a.slice(0, 15) === b.slice(0, 15);
