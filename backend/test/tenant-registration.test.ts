import request from 'supertest';
import { ConfigError, loadConfig } from '../src/config.ts';
import { databaseLabel } from './support/database.ts';
import { newTenant, testApp, type TestApp } from './support/app.ts';

const TOKEN = 'reg-token-0123456789-abcdefghijklmnopqrstuvwxyz';
const ORG = { crm: 'salesforce', externalId: '00D5g000004REGSEA2', name: 'Registered Org' };

describe(`tenant registration on ${databaseLabel}`, () => {
  let t: TestApp;
  let closed: TestApp;
  beforeAll(async () => {
    [t, closed] = await Promise.all([testApp({ registrationToken: TOKEN }), testApp()]);
  });
  afterAll(async () => {
    await Promise.all([t?.close(), closed?.close()]);
  });

  const tenantCount = (app: TestApp) => app.db.prisma.tenant.count();
  const register = (app: TestApp, body: object, token?: string) => {
    const req = request(app.app).post('/v1/tenants');
    return (token ? req.set('Authorization', `Bearer ${token}`) : req).send(body);
  };

  it('is shut when the service has no registration token', async () => {
    const before = await tenantCount(closed);
    const res = await register(closed, ORG, TOKEN).expect(403);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.detail ?? res.body.title).toMatch(/REGISTRATION_TOKEN/);
    expect(await tenantCount(closed)).toBe(before);
  });

  it('refuses a missing or wrong token, and a tenant API key, changing nothing', async () => {
    const other = await newTenant(t.db.prisma, 'salesforce');
    const before = await tenantCount(t);
    for (const token of [undefined, 'wrong', `${TOKEN}x`, other.apiKey]) {
      const res = await register(t, ORG, token).expect(403);
      expect(res.body.errors).toEqual([{ field: 'header.authorization', message: expect.any(String) }]);
    }
    expect(await tenantCount(t)).toBe(before);
  });

  it('names the wrong field of a bad registration, changing nothing', async () => {
    const before = await tenantCount(t);
    const badOrg = await register(t, { ...ORG, externalId: '001000000000001' }, TOKEN).expect(400);
    expect(badOrg.body.errors).toEqual([{ field: 'body.externalId', message: expect.stringMatching(/org id/) }]);
    const badPortal = await register(t, { crm: 'hubspot', externalId: 'acme', name: 'x' }, TOKEN).expect(400);
    expect(badPortal.body.errors[0].field).toBe('body.externalId');
    const noName = await register(t, { crm: 'salesforce', externalId: ORG.externalId }, TOKEN).expect(400);
    expect(noName.body.errors[0].field).toBe('body.name');
    expect(await tenantCount(t)).toBe(before);
  });

  it('creates a tenant with a working key, then issues a fresh key to the same org without cutting the old one', async () => {
    const first = await register(t, ORG, TOKEN).expect(201);
    expect(first.body).toEqual({ tenantId: expect.any(String), apiKey: expect.stringMatching(/^sdr_/), created: true });
    // The token alone, or another tenant's key, never gets a key for a tenant that exists: org ids are not secret.
    const keysBefore = await t.db.prisma.apiKey.count({ where: { tenantId: first.body.tenantId } });
    const bare = await register(t, ORG, TOKEN).expect(409);
    expect(bare.body.errors).toEqual([{ field: 'body.currentApiKey', message: expect.any(String) }]);
    const stranger = await newTenant(t.db.prisma, 'salesforce');
    await register(t, { ...ORG, currentApiKey: stranger.apiKey }, TOKEN).expect(409);
    expect(await t.db.prisma.apiKey.count({ where: { tenantId: first.body.tenantId } })).toBe(keysBefore);
    const again = await register(t, { ...ORG, name: 'Renamed', currentApiKey: first.body.apiKey }, TOKEN).expect(200);
    expect(again.body).toMatchObject({ tenantId: first.body.tenantId, created: false });
    expect(again.body.apiKey).not.toBe(first.body.apiKey);
    for (const key of [first.body.apiKey, again.body.apiKey])
      await request(t.app).get('/v1/settings').set('Authorization', `Bearer ${key}`).expect(200);
    const tenant = await t.db.prisma.tenant.findUniqueOrThrow({ where: { id: first.body.tenantId } });
    expect(tenant).toMatchObject({ crm: 'salesforce', externalId: ORG.externalId, name: ORG.name });
  });

  it('registers an org once however many registrations race', async () => {
    const org = { crm: 'hubspot', externalId: '99887766', name: 'Racing Portal' };
    const answers = await Promise.all(Array.from({ length: 6 }, () => register(t, org, TOKEN)));
    // One creates it; the others, showing no key of it, are refused rather than handed one.
    expect(answers.map((res) => res.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    const created = answers.find((res) => res.status === 201)!;
    expect(await t.db.prisma.tenant.count({ where: { externalId: org.externalId } })).toBe(1);
    expect(await t.db.prisma.apiKey.count({ where: { tenantId: created.body.tenantId } })).toBe(1);
  });

  it('will not start with a short registration token, and never prints it', () => {
    let error: unknown;
    try {
      loadConfig({ REGISTRATION_TOKEN: 'short-secret' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(String((error as Error).message)).toMatch(/REGISTRATION_TOKEN/);
    expect(String((error as Error).message)).not.toMatch(/short-secret/);
    expect(loadConfig({ REGISTRATION_TOKEN: TOKEN }).registrationToken).toBe(TOKEN);
  });
});
