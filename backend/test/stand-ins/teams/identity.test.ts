import { startTeamsStandIn, type TeamsStandIn } from './index.ts';
import { graph, tokenFor } from './test-support.ts';

describe('Teams stand-in: identity platform and Graph authentication', () => {
  let standIn: TeamsStandIn;
  let now = Date.parse('2026-11-24T09:00:00.000Z');

  beforeAll(async () => {
    standIn = await startTeamsStandIn({ now: () => new Date(now), tokenLifetimeSeconds: 3_599 });
  });
  afterAll(async () => {
    await standIn.close();
  });

  const requestToken = (fields: Record<string, string>, tenant = standIn.tenantId) =>
    fetch(`${standIn.loginUrl}/${tenant}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields),
    });

  const valid = () => ({
    client_id: standIn.clientId,
    client_secret: standIn.clientSecret,
    scope: 'https://graph.microsoft.com/.default',
    grant_type: 'client_credentials',
  });

  it('issues a bearer token for the client-credentials grant', async () => {
    const response = await requestToken(valid());
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toEqual({
      token_type: 'Bearer',
      expires_in: 3599,
      ext_expires_in: 3599,
      access_token: expect.any(String),
    });
  });

  it.each([
    [{ client_secret: 'wrong' }, 401, 'invalid_client', 7000215],
    [{ client_id: '00000000-0000-0000-0000-000000000000' }, 400, 'unauthorized_client', 700016],
    [{ scope: 'OnlineMeetingTranscript.Read.All' }, 400, 'invalid_scope', 1002012],
    [{ grant_type: 'authorization_code' }, 400, 'unsupported_grant_type', 70003],
  ])('refuses %j with the identity platform’s error body', async (change, status, error, code) => {
    const response = await requestToken({ ...valid(), ...change });
    expect(response.status).toBe(status);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ error, error_codes: [code] });
    expect(body.error_description).toMatch(new RegExp(`^AADSTS${code}: `));
    expect(body).toHaveProperty('trace_id');
    expect(body).toHaveProperty('correlation_id');
  });

  it('refuses a tenant that has not consented', async () => {
    const response = await requestToken(valid(), 'contoso.onmicrosoft.com');
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_request', error_codes: [90002] });
  });

  it('refuses a body that is not form-encoded', async () => {
    const response = await fetch(`${standIn.loginUrl}/${standIn.tenantId}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(valid()),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_request', error_codes: [900144] });
  });

  it('answers Graph without a token, with an unknown token and with an expired one as Graph does', async () => {
    const missing = await fetch(`${standIn.graphUrl}/subscriptions`);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({
      error: {
        code: 'InvalidAuthenticationToken',
        message: 'Access token is empty.',
        innerError: { 'request-id': expect.any(String) },
      },
    });
    expect((await graph(standIn, 'made-up', 'subscriptions')).status).toBe(401);

    const token = await tokenFor(standIn);
    expect((await graph(standIn, token, 'subscriptions')).status).toBe(200);
    now += 3_600_000;
    const expired = await graph(standIn, token, 'subscriptions');
    expect(expired.status).toBe(401);
    expect(expired.body).toMatchObject({ error: { message: 'Lifetime validation failed, the token is expired.' } });
  });

  it('answers an unknown Graph path with BadRequest', async () => {
    const token = await tokenFor(standIn);
    const response = await graph(standIn, token, 'communications/onlineMeetings/abc');
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: { code: 'BadRequest' } });
  });

  it('can fail the token endpoint on request', async () => {
    standIn.failNext({ status: 503, target: 'login', retryAfterSeconds: 2 });
    const failed = await requestToken(valid());
    expect(failed.status).toBe(503);
    expect(failed.headers.get('retry-after')).toBe('2');
    expect((await requestToken(valid())).status).toBe(200);
  });
});
