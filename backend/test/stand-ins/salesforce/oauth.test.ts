import { generateKeyPairSync, sign } from 'node:crypto';
import { Connection, OAuth2 } from 'jsforce';
import { startSalesforceStandIn } from './index.ts';
import type { SalesforceStandIn } from './index.ts';

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function signJwt(claims: Record<string, unknown>, privateKey: string): string {
  const unsigned = `${base64url({ alg: 'RS256' })}.${base64url(claims)}`;
  return `${unsigned}.${sign('RSA-SHA256', Buffer.from(unsigned), privateKey).toString('base64url')}`;
}

const keyPair = () =>
  generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });

describe('Salesforce stand-in: OAuth 2.0', () => {
  let sf: SalesforceStandIn;
  let clock: number;

  beforeAll(async () => {
    clock = Date.parse('2026-11-24T09:00:00.000Z');
    sf = await startSalesforceStandIn({ now: () => new Date(clock), sessionLifetimeMs: 60 * 60_000 });
  });
  afterAll(async () => {
    await sf.close();
  });

  const oauth2 = (extra: Partial<ConstructorParameters<typeof OAuth2>[0]> = {}) =>
    new OAuth2({
      loginUrl: sf.loginUrl,
      clientId: sf.clientId,
      clientSecret: sf.clientSecret,
      redirectUri: sf.redirectUri,
      ...extra,
    });

  async function approve(authorizationUrl: string): Promise<URL> {
    const response = await fetch(authorizationUrl, { redirect: 'manual' });
    expect(response.status).toBe(302);
    return new URL(response.headers.get('location')!, sf.url);
  }

  const tokenCalls = () => sf.calls.filter((c) => c.path === '/services/oauth2/token').length;

  it('runs the web-server flow: authorize redirects with a code, jsforce exchanges it once', async () => {
    const client = oauth2();
    const callback = await approve(client.getAuthorizationUrl({ state: 'opaque-42', scope: 'api refresh_token' }));
    expect(`${callback.origin}${callback.pathname}`).toBe(sf.redirectUri);
    expect(callback.searchParams.get('state')).toBe('opaque-42');
    const code = callback.searchParams.get('code')!;
    expect(code).toMatch(/^aPrx/);

    const conn = new Connection({ oauth2: client, version: '62.0' });
    const userInfo = await conn.authorize(code);
    expect(userInfo).toEqual({
      id: sf.userId,
      organizationId: sf.orgId,
      url: `${sf.url}/id/${sf.orgId}/${sf.userId}`,
    });
    expect(conn.instanceUrl).toBe(sf.instanceUrl);
    expect(conn.accessToken).toMatch(new RegExp(`^${sf.orgId.slice(0, 15)}!`));
    expect(conn.refreshToken).toBeTruthy();
    const identity = await conn.identity();
    expect(identity).toMatchObject({ username: sf.username, organization_id: sf.orgId });

    const again = new Connection({ oauth2: client });
    await expect(again.authorize(code)).rejects.toMatchObject({
      name: 'invalid_grant',
      message: 'invalid authorization code',
    });
  });

  it('checks PKCE when jsforce sends a code challenge', async () => {
    const client = oauth2({ useVerifier: true });
    const callback = await approve(client.getAuthorizationUrl());
    const conn = new Connection({ oauth2: client });
    await expect(conn.authorize(callback.searchParams.get('code')!)).resolves.toMatchObject({ id: sf.userId });

    const tampered = oauth2({ useVerifier: true });
    const otherCallback = await approve(tampered.getAuthorizationUrl());
    tampered.codeVerifier = 'not-the-verifier';
    await expect(
      new Connection({ oauth2: tampered }).authorize(otherCallback.searchParams.get('code')!),
    ).rejects.toMatchObject({
      name: 'invalid_grant',
    });
  });

  it('refuses unknown apps and callback URLs on its error page, and reports denial to the callback', async () => {
    const unknownApp = await approve(oauth2({ clientId: 'someone-else' }).getAuthorizationUrl());
    expect(unknownApp.pathname).toBe('/setup/secur/RemoteAccessErrorPage.apexp');
    expect(unknownApp.searchParams.get('error')).toBe('invalid_client_id');

    const wrongCallback = await approve(oauth2({ redirectUri: 'https://evil.example.com/cb' }).getAuthorizationUrl());
    expect(wrongCallback.searchParams.get('error')).toBe('redirect_uri_mismatch');
    expect(wrongCallback.searchParams.get('error_description')).toBe('redirect_uri must match configuration');

    sf.denyNextAuthorization();
    const denied = await approve(oauth2().getAuthorizationUrl({ state: 's' }));
    expect(denied.searchParams.get('error')).toBe('access_denied');
    expect(denied.searchParams.get('state')).toBe('s');

    const badSecret = oauth2({ clientSecret: 'wrong' });
    const callback = await approve(badSecret.getAuthorizationUrl());
    await expect(
      new Connection({ oauth2: badSecret }).authorize(callback.searchParams.get('code')!),
    ).rejects.toMatchObject({
      name: 'invalid_client',
      message: 'invalid client credentials',
    });
  });

  it('grants a session for a JWT signed with the registered certificate, and refuses bad assertions', async () => {
    const { publicKey, privateKey } = keyPair();
    sf.registerJwtCertificate(publicKey, 'integration@sdr-stand-in.example.com');
    const claims = {
      iss: sf.clientId,
      sub: 'integration@sdr-stand-in.example.com',
      aud: sf.loginUrl,
      exp: Math.floor(clock / 1000) + 120,
    };
    const jwtGrant = (assertion: string) => ({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion });

    const conn = new Connection({ loginUrl: sf.loginUrl, version: '62.0' });
    const userInfo = await conn.authorize(jwtGrant(signJwt(claims, privateKey)));
    expect(userInfo.organizationId).toBe(sf.orgId);
    expect(conn.refreshToken).toBeFalsy();
    const me = await conn.query<{ Username: string }>(`SELECT Username FROM User WHERE Id = '${userInfo.id}'`);
    expect(me.records[0]!.Username).toBe('integration@sdr-stand-in.example.com');

    const refused = async (assertion: string) => {
      const error = await new Connection({ loginUrl: sf.loginUrl }).authorize(jwtGrant(assertion)).then(
        () => null,
        (e: Error) => e,
      );
      return { name: error?.name, message: error?.message };
    };
    expect(await refused(signJwt({ ...claims, aud: 'https://login.salesforce.com' }, privateKey))).toEqual({
      name: 'invalid_grant',
      message: 'audience is invalid',
    });
    expect(await refused(signJwt({ ...claims, exp: Math.floor(clock / 1000) - 60 }, privateKey))).toEqual({
      name: 'invalid_grant',
      message: 'expired authorization code',
    });
    expect(await refused(signJwt({ ...claims, exp: Math.floor(clock / 1000) + 3600 }, privateKey))).toMatchObject({
      name: 'invalid_grant',
    });
    expect(await refused(signJwt(claims, keyPair().privateKey))).toEqual({
      name: 'invalid_grant',
      message: 'invalid assertion',
    });
    expect(await refused(signJwt({ ...claims, sub: sf.username }, privateKey))).toEqual({
      name: 'invalid_grant',
      message: "user hasn't approved this consumer",
    });
    expect(await refused(signJwt({ ...claims, iss: 'another-app' }, privateKey))).toEqual({
      name: 'invalid_client_id',
      message: 'client identifier invalid',
    });
  });

  it('answers an expired session with INVALID_SESSION_ID, which jsforce cures with one refresh', async () => {
    const session = sf.issueSession();
    const conn = new Connection({
      oauth2: oauth2(),
      instanceUrl: session.instanceUrl,
      accessToken: session.accessToken,
      refreshToken: session.refreshToken,
      version: '62.0',
    });
    const refreshed: string[] = [];
    conn.on('refresh', (token: string) => refreshed.push(token));
    await conn.query('SELECT Id FROM Lead');

    const before = tokenCalls();
    sf.expireSessions();
    await expect(conn.query('SELECT COUNT() FROM Lead')).resolves.toMatchObject({ totalSize: 0 });
    expect(tokenCalls() - before).toBe(1);
    expect(refreshed).toEqual([conn.accessToken]);
    expect(conn.accessToken).not.toBe(session.accessToken);
    const rejected = sf.calls.filter((c) => c.status === 401);
    expect(rejected.at(-1)).toMatchObject({ method: 'GET', path: '/services/data/v62.0/query' });

    // Sessions also run out on their own, on the stand-in's clock.
    clock += 61 * 60_000;
    await expect(conn.query('SELECT COUNT() FROM Lead')).resolves.toMatchObject({ totalSize: 0 });
    expect(tokenCalls() - before).toBe(2);
  });

  it('fails refresh with invalid_grant once refresh tokens are revoked', async () => {
    const session = sf.issueSession();
    const conn = new Connection({
      oauth2: oauth2(),
      instanceUrl: session.instanceUrl,
      accessToken: session.accessToken,
      refreshToken: session.refreshToken,
    });
    sf.revokeRefreshTokens();
    sf.expireSessions();
    await expect(conn.query('SELECT Id FROM Lead')).rejects.toThrow(
      'Unable to refresh session due to: expired access/refresh token',
    );
    await expect(oauth2().refreshToken(session.refreshToken)).rejects.toMatchObject({ name: 'invalid_grant' });

    // Without a way to refresh, the caller sees Salesforce's error itself.
    const plain = new Connection({ instanceUrl: sf.instanceUrl, accessToken: 'expired-token' });
    await expect(plain.query('SELECT Id FROM Lead')).rejects.toMatchObject({
      errorCode: 'INVALID_SESSION_ID',
      message: 'Session expired or invalid',
    });
  });

  it('revokes a refresh token together with the sessions it opened', async () => {
    const session = sf.issueSession();
    const conn = new Connection({
      oauth2: oauth2(),
      instanceUrl: session.instanceUrl,
      accessToken: session.accessToken,
      refreshToken: session.refreshToken,
    });
    const refreshed = await oauth2().refreshToken(session.refreshToken);
    expect(refreshed).toMatchObject({ instance_url: sf.instanceUrl, token_type: 'Bearer' });
    expect(refreshed).not.toHaveProperty('refresh_token');
    await conn.logout(true);
    expect(sf.authenticate(refreshed.access_token)).toBeNull();
    await expect(oauth2().refreshToken(session.refreshToken)).rejects.toMatchObject({ name: 'invalid_grant' });
    await expect(oauth2().revokeToken('never-issued')).rejects.toThrow();
  });
});
