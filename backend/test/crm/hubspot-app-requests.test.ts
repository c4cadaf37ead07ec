import request from 'supertest';
import { computeSignature } from '../../src/integrations/crm/hubspot/signature.ts';
import { databaseLabel } from '../support/database.ts';
import { newTenant, noCrmApps, testApp, type TestApp } from '../support/app.ts';

const SECRET = 'hubspot-client-secret-for-tests';
const PUBLIC_URL = 'https://sdr.example.com';

/** A request as hubspot.fetch sends it: portal and user added to the query, then signed (v3) with the secret. */
function signed(
  app: TestApp['app'],
  method: 'get' | 'post' | 'put',
  path: string,
  options: {
    body?: unknown;
    secret?: string;
    timestamp?: number;
    portalId?: string;
    userId?: string;
    userEmail?: string;
  } = {},
) {
  const url = new URL(path, PUBLIC_URL);
  if (options.portalId) url.searchParams.set('portalId', options.portalId);
  if (options.userId) url.searchParams.set('userId', options.userId);
  if (options.userEmail) url.searchParams.set('userEmail', options.userEmail);
  const pathAndQuery = `${url.pathname}${url.search}`;
  const rawBody = options.body === undefined ? '' : JSON.stringify(options.body);
  const timestamp = String(options.timestamp ?? Date.now());
  const signature = computeSignature(options.secret ?? SECRET, {
    method: method.toUpperCase(),
    uri: `${PUBLIC_URL}${pathAndQuery}`,
    rawBody,
    timestamp,
  });
  const agent = request(app);
  const req = (
    method === 'get' ? agent.get(pathAndQuery) : method === 'post' ? agent.post(pathAndQuery) : agent.put(pathAndQuery)
  )
    .set('X-HubSpot-Signature-v3', signature)
    .set('X-HubSpot-Request-Timestamp', timestamp);
  return rawBody ? req.set('Content-Type', 'application/json').send(rawBody) : req;
}

describe(`requests from the HubSpot app (hubspot.fetch) on ${databaseLabel}`, () => {
  let t: TestApp;
  let closed: TestApp;
  let portal: string;
  let other: { tenantId: string; apiKey: string; externalId: string };
  let leadId: string;

  beforeAll(async () => {
    [t, closed] = await Promise.all([
      testApp({
        workers: false,
        clock: { now: () => new Date() },
        crm: { ...noCrmApps, hubspot: { ...noCrmApps.hubspot, clientSecret: SECRET } },
      }),
      testApp({ workers: false, clock: { now: () => new Date() } }),
    ]);
    const mine = await newTenant(t.db.prisma, 'hubspot');
    const second = await newTenant(t.db.prisma, 'hubspot');
    other = {
      ...second,
      externalId: (await t.db.prisma.tenant.findUniqueOrThrow({ where: { id: second.tenantId } })).externalId,
    };
    portal = (await t.db.prisma.tenant.findUniqueOrThrow({ where: { id: mine.tenantId } })).externalId;
    const auth = { Authorization: `Bearer ${mine.apiKey}` };
    await t.db.prisma.user.create({
      data: {
        tenantId: mine.tenantId,
        id: 'u-owner',
        email: 'sam@acme.example',
        name: 'Sam Seller',
        crmUserId: '4455',
      },
    });
    const company = await request(t.app)
      .put('/v1/companies')
      .set(auth)
      .send({ crmId: '9001', name: 'Acme Ltd' })
      .expect(200);
    const lead = await request(t.app)
      .put('/v1/leads')
      .set(auth)
      .send({ crmId: '101', lastName: 'Raman', companyId: company.body.data[0].id })
      .expect(200);
    leadId = lead.body.data[0].id;
    const otherLead = await request(t.app)
      .put('/v1/leads')
      .set({ Authorization: `Bearer ${other.apiKey}` })
      .send({ crmId: '101', lastName: 'Someone Else' })
      .expect(200);
    expect(otherLead.body.data[0].id).not.toBe(leadId);
  });
  afterAll(async () => {
    await Promise.all([t?.close(), closed?.close()]);
  });

  const reports = () => t.db.prisma.researchReport.count();

  it("serves the portal's own records through the /v1 routes, with hubspot.fetch's parameters taken off", async () => {
    const res = await signed(t.app, 'get', '/hubspot/v1/leads?crmId=101&limit=1', {
      portalId: portal,
      userId: '1',
    }).expect(200);
    expect(res.body.data).toEqual([expect.objectContaining({ id: leadId, lastName: 'Raman' })]);
    // Query validation still applies to what the card itself sent.
    const bad = await signed(t.app, 'get', '/hubspot/v1/leads?limit=0', { portalId: portal }).expect(400);
    expect(bad.body.errors[0].field).toBe('query.limit');
  });

  it('takes signed bodies and credits the HubSpot user the roster knows', async () => {
    const started = await signed(t.app, 'post', '/hubspot/v1/research', {
      portalId: portal,
      userId: '4455',
      userEmail: 'sam@acme.example',
      body: { leadId },
    }).expect(202);
    const audit = await t.db.prisma.auditLog.findFirst({
      where: { recordType: 'ResearchReport', recordId: started.body.id },
    });
    expect(audit?.actor).toBe('user:u-owner');
  });

  it('refuses a missing, wrong, tampered or stale signature, and stores nothing', async () => {
    const before = await reports();
    const unsigned = await request(t.app).post(`/hubspot/v1/research?portalId=${portal}`).send({ leadId }).expect(401);
    expect(unsigned.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(unsigned.body.errors[0]).toEqual({ field: 'headers.x-hubspot-signature-v3', message: 'missing' });
    await signed(t.app, 'post', '/hubspot/v1/research', { portalId: portal, body: { leadId }, secret: 'wrong' }).expect(
      401,
    );
    const stale = await signed(t.app, 'post', '/hubspot/v1/research', {
      portalId: portal,
      body: { leadId },
      timestamp: Date.now() - 6 * 60_000,
    }).expect(401);
    expect(stale.body.errors[0].message).toBe('stale');
    // Signed for one portal, sent for another: the query is part of what is signed.
    const timestamp = String(Date.now());
    const signature = computeSignature(SECRET, {
      method: 'GET',
      uri: `${PUBLIC_URL}/hubspot/v1/leads?portalId=${portal}`,
      rawBody: '',
      timestamp,
    });
    const forged = await request(t.app)
      .get(`/hubspot/v1/leads?portalId=${other.externalId}`)
      .set('X-HubSpot-Signature-v3', signature)
      .set('X-HubSpot-Request-Timestamp', timestamp)
      .expect(401);
    expect(forged.body.errors[0].message).toBe('mismatch');
    const bodySignature = computeSignature(SECRET, {
      method: 'POST',
      uri: `${PUBLIC_URL}/hubspot/v1/research?portalId=${portal}`,
      rawBody: JSON.stringify({ leadId }),
      timestamp,
    });
    await request(t.app)
      .post(`/hubspot/v1/research?portalId=${portal}`)
      .set('X-HubSpot-Signature-v3', bodySignature)
      .set('X-HubSpot-Request-Timestamp', timestamp)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ leadId, refresh: true }))
      .expect(401);
    // A tenant's API key is not a signature.
    await request(t.app)
      .get(`/hubspot/v1/leads?portalId=${portal}`)
      .set('Authorization', `Bearer ${other.apiKey}`)
      .expect(401);
    expect(await reports()).toBe(before);
  });

  it('refuses a portal that never installed the app, and a request naming no portal', async () => {
    const stranger = await signed(t.app, 'get', '/hubspot/v1/leads', { portalId: '999999999999' }).expect(403);
    expect(stranger.body.errors).toEqual([{ field: 'query.portalId', message: 'no workspace for this portal' }]);
    const nobody = await signed(t.app, 'get', '/hubspot/v1/leads').expect(400);
    expect(nobody.body.errors[0].field).toBe('query.portalId');
  });

  it("keeps a portal within its own tenant: another tenant's lead is not found", async () => {
    const otherLeadId = (await t.db.prisma.lead.findFirstOrThrow({ where: { tenantId: other.tenantId } })).id;
    await signed(t.app, 'get', `/hubspot/v1/leads/${otherLeadId}`, { portalId: portal }).expect(404);
  });

  it('answers 503 when the service has no HubSpot app secret', async () => {
    const res = await signed(closed.app, 'get', '/hubspot/v1/leads', { portalId: portal }).expect(503);
    expect(res.body.detail ?? res.body.title).toMatch(/HUBSPOT_CLIENT_SECRET/);
  });
});
