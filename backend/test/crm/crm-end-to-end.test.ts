import request from 'supertest';
import { systemClock } from '../../src/clock.ts';
import { computeSignature } from '../../src/integrations/crm/hubspot/signature.ts';
import { createTenant } from '../../src/tenancy/tenants.ts';
import { noCrmApps, connectHubSpotStandIn, testApp, type TestApp } from '../support/app.ts';
import { databaseLabel } from '../support/database.ts';
import { startHubSpotStandIn, type HubSpotStandIn } from '../stand-ins/hubspot/index.ts';
import { until } from '../support/waiting.ts';

const PUBLIC_URL = 'https://sdr.example.com';

/** With the job workers running, as in production: nothing here calls a job by hand. */
describe(`a CRM change travels to a score and back on ${databaseLabel}`, () => {
  let hs: HubSpotStandIn;
  let t: TestApp;
  let tenantId: string;
  let auth: { Authorization: string };

  beforeAll(async () => {
    hs = await startHubSpotStandIn();
    t = await testApp({
      clock: systemClock,
      crm: {
        ...noCrmApps,
        publicUrl: PUBLIC_URL,
        hubspot: { clientId: hs.app.clientId, clientSecret: hs.app.clientSecret, apiUrl: hs.url, authorizeUrl: hs.url },
      },
    });
    const created = await createTenant(t.db.prisma, { crm: 'hubspot', externalId: String(hs.portalId), name: 'E2E' });
    tenantId = created.tenantId;
    auth = { Authorization: `Bearer ${created.apiKey}` };
    await connectHubSpotStandIn(t, tenantId, hs);
    hs.defineProperty('contacts', {
      name: 'sdr_reasons',
      label: 'Reasons',
      type: 'string',
      fieldType: 'textarea',
      groupName: 'contactinformation',
    });
    for (const name of ['sdr_ev', 'sdr_ev_amount', 'sdr_risk', 'sdr_urgency'])
      hs.defineProperty('contacts', {
        name,
        label: name,
        type: 'number',
        fieldType: 'number',
        groupName: 'contactinformation',
      });
    hs.defineProperty('contacts', {
      name: 'sdr_scored_at',
      label: 'Scored at',
      type: 'datetime',
      fieldType: 'date',
      groupName: 'contactinformation',
    });
  });
  afterAll(async () => {
    await t?.close();
    await hs?.close();
  });

  /** HubSpot telling the app a contact was created, signed as HubSpot signs it. */
  const contactCreated = async (objectId: string, eventId: number) => {
    const body = JSON.stringify([
      {
        eventId,
        subscriptionId: 1,
        portalId: hs.portalId,
        appId: 1,
        occurredAt: Date.now(),
        subscriptionType: 'contact.creation',
        attemptNumber: 0,
        objectId: Number(objectId),
        changeSource: 'CRM_UI',
      },
    ]);
    const timestamp = String(Date.now());
    const signature = computeSignature(hs.app.clientSecret, {
      method: 'POST',
      uri: `${PUBLIC_URL}/webhooks/hubspot`,
      rawBody: body,
      timestamp,
    });
    await request(t.app)
      .post('/webhooks/hubspot')
      .set('Content-Type', 'application/json')
      .set('X-HubSpot-Signature-v3', signature)
      .set('X-HubSpot-Request-Timestamp', timestamp)
      .send(body)
      .expect(204);
  };

  it('webhook → record fetched and stored → rescored → scores written to the contact', async () => {
    const contact = hs.create('contacts', { firstname: 'Ada', lastname: 'Lovelace', email: 'ada@fleet.example' });
    await contactCreated(contact.id, 1);
    const lead = await until(() => t.db.prisma.lead.findFirst({ where: { tenantId, crmId: contact.id } }));
    expect(lead).toMatchObject({ lastName: 'Lovelace', crmType: 'contact' });
    const written = await until(async () => hs.get('contacts', contact.id)?.properties.sdr_ev);
    const score = (await request(t.app).get(`/v1/leads/${lead.id}/score`).set(auth).expect(200)).body;
    expect(Number(written)).toBe(score.ev);
    const status = (await request(t.app).get('/v1/crm/connection').set(auth).expect(200)).body;
    expect(status).toMatchObject({ status: 'connected', pendingWriteBacks: 0 });
  });

  it('a new contact is routed once scored, and its new owner reaches HubSpot with its scores', async () => {
    await t.db.prisma.user.create({
      data: {
        tenantId,
        id: 'sdr-hs',
        email: hs.installingOwner.email,
        name: 'HubSpot SDR',
        crmUserId: String(hs.installingOwner.id),
      },
    });
    await t.db.prisma.tenant.update({
      where: { id: tenantId },
      data: { settings: { routing: { defaultSlaMinutes: 30, fallbackUserId: null, autoRoute: true } } },
    });
    await request(t.app)
      .post('/v1/routing/rule-sets')
      .set(auth)
      .send({
        activate: true,
        rules: [
          { id: 'all', name: 'Everyone', conditions: [], target: { type: 'user', userId: 'sdr-hs' }, slaMinutes: null },
        ],
      })
      .expect(201);
    const contact = hs.create('contacts', { firstname: 'Grace', lastname: 'Hopper', email: 'grace@fleet.example' });
    await contactCreated(contact.id, 2);
    const lead = await until(() =>
      t.db.prisma.lead.findFirst({ where: { tenantId, crmId: contact.id, ownerId: 'sdr-hs' } }),
    );
    const routed = (await request(t.app).get(`/v1/leads/${lead.id}/routing`).set(auth).expect(200)).body.data;
    expect(routed).toMatchObject([{ ruleId: 'all', assigneeId: 'sdr-hs' }]);
    const owner = await until(async () => hs.get('contacts', contact.id)?.properties.hubspot_owner_id);
    expect(owner).toBe(String(hs.installingOwner.id));
    expect(hs.get('contacts', contact.id)?.properties.sdr_ev).toEqual(expect.any(String));
  });
});
