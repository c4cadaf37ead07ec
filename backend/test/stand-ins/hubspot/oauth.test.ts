import { expectServedBodiesConform } from './response-models.ts';
import { expectRequiredAttributes } from './required-attributes.ts';
import { privateAppToken, startHubSpotStandIn, type HubSpotStandIn } from './index.ts';
import { sdkClient } from './sdk-client.ts';
import { exchangeCode, failureOf, signedIn } from './test-support.ts';

describe('HubSpot stand-in: OAuth', () => {
  let standIn: HubSpotStandIn;

  beforeEach(async () => {
    standIn = await startHubSpotStandIn();
  });

  afterEach(async () => {
    expectServedBodiesConform(standIn.calls);
    await standIn.close();
  });

  it('exchanges an authorization code for tokens through tokensApi.create', async () => {
    const tokens = await exchangeCode(standIn, standIn.authorize());

    expectRequiredAttributes(tokens, 'TokenResponseIF', 'oauth', 'instance');
    expect(tokens.tokenType).toBe('bearer');
    expect(tokens.expiresIn).toBe(1800);
    const page = await sdkClient(standIn, { accessToken: tokens.accessToken }).crm.contacts.basicApi.getPage();
    expect(page.results).toEqual([]);
  });

  it('accepts each authorization code once', async () => {
    const code = standIn.authorize();
    await exchangeCode(standIn, code);

    const failure = await failureOf(exchangeCode(standIn, code));
    expect(failure.code).toBe(400);
    expect(failure.body).toEqual({
      status: 'BAD_AUTH_CODE',
      message: 'missing or unknown auth code',
      correlationId: expect.any(String),
    });
  });

  it('approves the install page at once, redirecting back with a code and the state', async () => {
    const { app } = standIn;
    const authorize = new URL('/oauth/authorize', standIn.url);
    authorize.search = new URLSearchParams({
      client_id: app.clientId,
      redirect_uri: app.redirectUri,
      scope: 'oauth crm.objects.contacts.read',
      state: 'xyz',
    }).toString();

    const response = await fetch(authorize, { redirect: 'manual' });

    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(app.redirectUri);
    expect(location.searchParams.get('state')).toBe('xyz');
    const tokens = await exchangeCode(standIn, location.searchParams.get('code')!);
    const info = await sdkClient(standIn).oauth.accessTokensApi.get(tokens.accessToken);
    expect(info.scopes).toEqual(['oauth', 'crm.objects.contacts.read']);
  });

  it('rejects a code exchange with the wrong redirect URI or client secret', async () => {
    const { app } = standIn;
    const tokensApi = sdkClient(standIn).oauth.tokensApi;
    const code = standIn.authorize();

    const wrongUri = await failureOf(
      tokensApi.create('authorization_code', code, 'http://elsewhere/cb', app.clientId, app.clientSecret),
    );
    const wrongSecret = await failureOf(
      tokensApi.create('authorization_code', code, app.redirectUri, app.clientId, 'nope'),
    );

    expect([wrongUri.code, wrongUri.body.status]).toEqual([400, 'BAD_REDIRECT_URI']);
    expect([wrongSecret.code, wrongSecret.body.status]).toEqual([400, 'BAD_CLIENT_SECRET']);
  });

  it('refreshes an access token, keeping the refresh token', async () => {
    const { app } = standIn;
    const first = await exchangeCode(standIn, standIn.authorize());

    const refreshed = await sdkClient(standIn).oauth.tokensApi.create(
      'refresh_token',
      undefined,
      undefined,
      app.clientId,
      app.clientSecret,
      first.refreshToken,
    );

    expectRequiredAttributes(refreshed, 'TokenResponseIF', 'oauth', 'instance');
    expect(refreshed.refreshToken).toBe(first.refreshToken);
    expect(refreshed.accessToken).not.toBe(first.accessToken);
  });

  it('refuses refresh tokens once they are revoked', async () => {
    const { app } = standIn;
    const tokens = await exchangeCode(standIn, standIn.authorize());
    standIn.revokeRefreshTokens();

    const failure = await failureOf(
      sdkClient(standIn).oauth.tokensApi.create(
        'refresh_token',
        undefined,
        undefined,
        app.clientId,
        app.clientSecret,
        tokens.refreshToken,
      ),
    );

    expect(failure.code).toBe(400);
    expect(failure.body).toMatchObject({ status: 'BAD_REFRESH_TOKEN', correlationId: expect.any(String) });
  });

  it('describes access and refresh tokens, and deletes refresh tokens', async () => {
    const tokens = await exchangeCode(standIn, standIn.authorize(['oauth', 'crm.objects.contacts.read']));
    const { oauth } = sdkClient(standIn);

    const access = await oauth.accessTokensApi.get(tokens.accessToken);
    const refresh = await oauth.refreshTokensApi.get(tokens.refreshToken);
    await oauth.refreshTokensApi.archive(tokens.refreshToken);

    expectRequiredAttributes(access, 'AccessTokenInfoResponse', 'oauth', 'instance');
    expectRequiredAttributes(refresh, 'RefreshTokenInfoResponse', 'oauth', 'instance');
    expect(access).toMatchObject({
      hubId: standIn.portalId,
      appId: standIn.app.appId,
      userId: standIn.installingOwner.userId,
      user: standIn.installingOwner.email,
      scopes: ['oauth', 'crm.objects.contacts.read'],
      tokenType: 'access',
    });
    expect(access.expiresIn).toBeGreaterThan(1790);
    expect(access.expiresIn).toBeLessThanOrEqual(1800);
    expect(refresh).toMatchObject({ clientId: standIn.app.clientId, tokenType: 'refresh' });
    expect((await failureOf(oauth.refreshTokensApi.get(tokens.refreshToken))).code).toBe(404);
  });
});

describe('HubSpot stand-in: authentication of API calls', () => {
  it('answers an expired access token with 401 EXPIRED_AUTHENTICATION', async () => {
    let now = Date.parse('2025-03-01T09:00:00Z');
    const { standIn, client } = await signedIn({ now: () => new Date(now), tokenLifetimeMs: 30 * 60_000 });
    now += 45 * 60_000;

    const failure = await failureOf(client.crm.contacts.basicApi.getPage());

    expect(failure.code).toBe(401);
    expect(failure.body).toMatchObject({
      status: 'error',
      category: 'EXPIRED_AUTHENTICATION',
      message: 'The OAuth token used to make this call expired 15 minute(s) ago.',
    });
    expectRequiredAttributes(failure.body, 'ModelError', 'crm/contacts');
    await standIn.close();
  });

  it('expires every access token on demand', async () => {
    const { standIn, client } = await signedIn();
    standIn.expireTokens();

    const failure = await failureOf(client.crm.companies.basicApi.getPage());

    expect([failure.code, failure.body.category]).toEqual([401, 'EXPIRED_AUTHENTICATION']);
    await standIn.close();
  });

  it('answers an unknown token with 401 INVALID_AUTHENTICATION', async () => {
    const standIn = await startHubSpotStandIn();

    const failure = await failureOf(sdkClient(standIn, { accessToken: 'made-up' }).crm.deals.basicApi.getPage());

    expect(failure.code).toBe(401);
    expect(failure.body).toMatchObject({
      category: 'INVALID_AUTHENTICATION',
      message: expect.stringMatching(/^Authentication credentials not found\./),
    });
    expectRequiredAttributes(failure.body, 'ModelError', 'crm/deals');
    await standIn.close();
  });

  it('accepts private-app tokens registered with addAccessToken', async () => {
    const standIn = await startHubSpotStandIn();
    const token = privateAppToken();
    standIn.addAccessToken(token);

    const page = await sdkClient(standIn, { accessToken: token }).crm.contacts.basicApi.getPage();

    expect(page.results).toEqual([]);
    expectServedBodiesConform(standIn.calls);
    await standIn.close();
  });

  it('answers a call outside the granted scopes with 403 MISSING_SCOPES', async () => {
    const standIn = await startHubSpotStandIn();
    const tokens = await exchangeCode(standIn, standIn.authorize(['oauth', 'crm.objects.contacts.read']));

    const failure = await failureOf(
      sdkClient(standIn, { accessToken: tokens.accessToken }).crm.contacts.basicApi.create({
        properties: { email: 'a@example.com' },
      }),
    );

    expect(failure.code).toBe(403);
    expect(failure.body).toMatchObject({
      category: 'MISSING_SCOPES',
      errors: [{ context: { requiredGranularScopes: ['crm.objects.contacts.write'] } }],
    });
    await standIn.close();
  });
});

describe('HubSpot stand-in: scopes of the properties endpoints', () => {
  it('lets property reads through with an object scope and property writes with a schema write scope', async () => {
    const standIn = await startHubSpotStandIn();
    const tokens = await exchangeCode(
      standIn,
      standIn.authorize(['oauth', 'crm.objects.companies.read', 'crm.schemas.contacts.write']),
    );
    const { properties } = sdkClient(standIn, { accessToken: tokens.accessToken }).crm;

    await expect(properties.coreApi.getAll('companies')).resolves.toMatchObject({ results: expect.any(Array) });
    await expect(properties.groupsApi.getAll('contacts')).resolves.toMatchObject({ results: expect.any(Array) });
    await expect(properties.groupsApi.create('contacts', { name: 'sdr', label: 'SDR' })).resolves.toMatchObject({
      name: 'sdr',
    });
    const denied = await failureOf(properties.groupsApi.create('deals', { name: 'sdr', label: 'SDR' }));
    expect([denied.code, denied.body.category]).toEqual([403, 'MISSING_SCOPES']);
    expectServedBodiesConform(standIn.calls);
    await standIn.close();
  });
});
