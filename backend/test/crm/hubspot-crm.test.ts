import request from 'supertest';
import { scoreStoredLeads } from '../../src/agents/scoring/scoring-service.ts';
import { TenantDb } from '../../src/db/tenant-db.ts';
import { openCrm } from '../../src/integrations/crm/crm-access.ts';
import { computeSignature } from '../../src/integrations/crm/hubspot/signature.ts';
import { createTenant } from '../../src/tenancy/tenants.ts';
import { noCrmApps, testApp, type TestApp } from '../support/app.ts';
import { databaseLabel } from '../support/database.ts';
import { startHubSpotStandIn, type HubSpotStandIn } from '../stand-ins/hubspot/index.ts';
import { jobContext } from '../support/waiting.ts';

const PUBLIC_URL = 'https://sdr.example.com';

describe(`HubSpot integration against a local portal on ${databaseLabel}`, () => {
  let hs: HubSpotStandIn;
  let t: TestApp;
  let tenantId: string;
  let auth: { Authorization: string };
  let tenant: TenantDb;
  /** The service's clock runs ahead of the portal's by this much, to bring the next archive check forward. */
  let ahead = 0;
  const clock = { now: () => new Date(Date.now() + ahead) };

  const sync = () => t.crm.jobs.sync.handler({}, jobContext(tenantId)) as Promise<Record<string, unknown>>;
  const writeBack = () => t.crm.jobs.writeBack.handler({}, jobContext(tenantId)) as Promise<Record<string, unknown>>;
  const connection = () => t.db.prisma.crmConnection.findUniqueOrThrow({ where: { tenantId } });

  beforeAll(async () => {
    hs = await startHubSpotStandIn({ app: { redirectUri: `${PUBLIC_URL}/oauth/hubspot/callback` } });
    t = await testApp({
      workers: false,
      clock,
      crm: {
        ...noCrmApps,
        publicUrl: PUBLIC_URL,
        hubspot: {
          clientId: hs.app.clientId,
          clientSecret: hs.app.clientSecret,
          apiUrl: hs.url,
          authorizeUrl: `${hs.url}/oauth/authorize`,
        },
      },
    });
    const created = await createTenant(t.db.prisma, { crm: 'hubspot', externalId: String(hs.portalId), name: 'Acme' });
    tenantId = created.tenantId;
    auth = { Authorization: `Bearer ${created.apiKey}` };
    tenant = new TenantDb(t.db.prisma, tenantId, 'test');
    await t.db.prisma.user.create({
      data: { tenantId, id: 'sdr-hs', email: hs.installingOwner.email, name: 'Installing SDR' },
    });

    const companies = ['LOGISTICS_AND_SUPPLY_CHAIN', 'RETAIL'].map((industry, i) =>
      hs.create('companies', { name: `Company ${i}`, domain: `company${i}.example`, industry }),
    );
    for (let i = 0; i < 450; i += 1) {
      const company = companies[i % 2]!;
      const contact = hs.create('contacts', {
        firstname: `First${i}`,
        lastname: `Last${i}`,
        email: `person${i}@company${i % 2}.example`,
        jobtitle: i % 3 ? 'Fleet Manager' : 'VP Operations',
      });
      hs.associate('contacts', contact.id, 'companies', company.id);
      if (i < 3) {
        const deal = hs.create('deals', { dealname: `Deal ${i}`, dealstage: 'appointmentscheduled', amount: 5000 });
        hs.associate('deals', deal.id, 'contacts', contact.id);
        hs.associate('deals', deal.id, 'companies', company.id);
      }
    }
  });

  afterAll(async () => {
    await t?.close();
    await hs?.close();
  });

  it('installs through OAuth: tokens sealed, score properties created in their own group', async () => {
    const link = (await request(t.app).post('/v1/crm/authorize').set(auth).expect(200)).body;
    const consent = await fetch(link.authorizeUrl, { redirect: 'manual' });
    expect(consent.status).toBe(302);
    const back = new URL(consent.headers.get('location')!);
    const page = await request(t.app).get(`/oauth/hubspot/callback${back.search}`).expect(200);
    expect(page.text).toContain('HubSpot connected');
    const row = await connection();
    expect(row).toMatchObject({ provider: 'hubspot', authFlow: 'oauth', status: 'connected' });
    const tokens = t.crm.context.box.openJson<{ accessToken: string }>(row.credentials);
    expect(row.credentials).not.toContain(tokens.accessToken);
    for (const objectType of ['contacts', 'deals'] as const) {
      expect(hs.propertyGroups(objectType).map((g) => g.name)).toContain('sdr_enhancement');
      for (const name of ['sdr_ev', 'sdr_ev_amount', 'sdr_risk', 'sdr_urgency', 'sdr_reasons', 'sdr_scored_at'])
        expect(hs.property(objectType, name)).toMatchObject({ groupName: 'sdr_enhancement' });
    }
  });

  it('makes a workspace for a portal that installs from the marketplace', async () => {
    const other = await startHubSpotStandIn({ app: { ...hs.app } });
    try {
      const code = other.authorize();
      const installed = await testApp({
        workers: false,
        crm: {
          ...noCrmApps,
          publicUrl: PUBLIC_URL,
          hubspot: {
            clientId: hs.app.clientId,
            clientSecret: hs.app.clientSecret,
            apiUrl: other.url,
            authorizeUrl: other.url,
          },
        },
      });
      try {
        await request(installed.app).get('/oauth/hubspot/callback').query({ code }).expect(200);
        const made = await installed.db.prisma.tenant.findUniqueOrThrow({
          where: { crm_externalId: { crm: 'hubspot', externalId: String(other.portalId) } },
          include: { crmConnection: true },
        });
        expect(made.crmConnection).toMatchObject({ status: 'connected' });
      } finally {
        await installed.close();
      }
    } finally {
      await other.close();
    }
  });

  it('syncs companies, contacts and deals with their associations, then only what changed', async () => {
    const first = (await sync()) as { records: Record<string, number>; usersLinked: number };
    expect(first.records).toEqual({ company: 2, contact: 450, deal: 3, activity: 0 });
    expect(first.usersLinked).toBe(1);
    expect((await t.db.prisma.user.findFirstOrThrow({ where: { tenantId, id: 'sdr-hs' } })).crmUserId).toBe(
      String(hs.installingOwner.id),
    );
    expect(await t.db.prisma.lead.count({ where: { tenantId, crmType: 'contact' } })).toBe(450);
    const deal = await t.db.prisma.opportunity.findFirstOrThrow({
      where: { tenantId, name: 'Deal 1' },
      include: { lead: true, company: true },
    });
    expect(deal.lead?.lastName).toBe('Last1');
    expect(deal.company?.name).toBe('Company 1');
    expect(deal).toMatchObject({ stage: 'appointmentscheduled', isWon: false });

    const again = (await sync()) as { changed: Record<string, number> };
    expect(again.changed).toEqual({ company: 0, contact: 0, deal: 0, activity: 0 });
    const someone = hs.all('contacts')[10]!;
    hs.update('contacts', someone.id, { jobtitle: 'Chief Operating Officer' });
    const third = (await sync()) as { changed: Record<string, number> };
    expect(third.changed).toMatchObject({ contact: 1 });
  });

  it('stores each company’s owner as the roster user linked to that HubSpot owner, and no owner for a stranger', async () => {
    const company = (crmId: string) => t.db.prisma.company.findFirstOrThrow({ where: { tenantId, crmId } });
    const [owned, other] = hs.all('companies');
    expect((await company(owned!.id)).ownerId).toBeNull();
    const stranger = hs.addOwner({ email: 'rep-elsewhere@stand-in.example', firstName: 'Not', lastName: 'Rostered' });
    hs.update('companies', owned!.id, { hubspot_owner_id: hs.installingOwner.id });
    hs.update('companies', other!.id, { hubspot_owner_id: stranger.id });
    hs.clearCalls();
    // Only the first counts as changed: the second had no owner here before and still has none.
    expect(await sync()).toMatchObject({ changed: { company: 1 } });
    expect((await company(owned!.id)).ownerId).toBe('sdr-hs');
    expect((await company(other!.id)).ownerId).toBeNull();
    // HubSpot returns only the properties a read names: the owner has to be among them.
    const read = hs.calls.find((c) => c.method === 'POST' && c.path.endsWith('/objects/companies/search'));
    const results = (read?.responseBody as { results: { properties: Record<string, unknown> }[] }).results;
    expect(results.map((r) => r.properties.hubspot_owner_id)).toEqual([hs.installingOwner.id, stranger.id]);
  });

  it('reads calls, e-mails and meetings as touches of their contacts', async () => {
    const [a, b] = hs.all('contacts').slice(60, 62);
    const engagement = (
      type: 'calls' | 'emails' | 'meetings',
      properties: Record<string, string>,
      contact?: string,
    ) => {
      const created = hs.create(type, properties);
      if (contact) hs.associate(type, created.id, 'contacts', contact);
      return created;
    };
    engagement(
      'calls',
      {
        hs_timestamp: '2026-11-20T10:00:00.000Z',
        hs_call_title: 'Discovery call',
        hs_call_direction: 'OUTBOUND',
        hs_call_disposition: 'f240bbac-87c9-4f6e-bf70-924b57d47db7',
        hs_call_status: 'COMPLETED',
      },
      a!.id,
    );
    engagement(
      'emails',
      {
        hs_timestamp: '2026-11-21T09:30:00.000Z',
        hs_email_subject: 'Re: pricing for 40 vans',
        hs_email_direction: 'INCOMING_EMAIL',
        hs_email_status: 'SENT',
      },
      b!.id,
    );
    const meeting = engagement(
      'meetings',
      { hs_timestamp: '2026-11-22T15:00:00.000Z', hs_meeting_title: 'Demo', hs_meeting_outcome: 'SCHEDULED' },
      a!.id,
    );
    // A call logged against nobody the suite knows is skipped, not guessed.
    engagement('calls', { hs_timestamp: '2026-11-22T16:00:00.000Z', hs_call_title: 'Wrong number' });

    const summary = (await sync()) as { records: Record<string, number>; changed: Record<string, number> };
    expect(summary).toMatchObject({ records: { activity: 4 }, changed: { activity: 3 }, skipped: 1 });
    const touches = await t.db.prisma.activity.findMany({
      where: { tenantId },
      include: { lead: { select: { crmId: true } } },
      orderBy: { occurredAt: 'asc' },
    });
    expect(
      touches.map((touch) => [touch.lead.crmId, touch.type, touch.subject, touch.direction, touch.outcome]),
    ).toEqual([
      [a!.id, 'call', 'Discovery call', 'outbound', 'Connected'],
      [b!.id, 'email', 'Re: pricing for 40 vans', 'inbound', 'SENT'],
      [a!.id, 'meeting', 'Demo', null, 'SCHEDULED'],
    ]);
    expect(touches[0]!.occurredAt.toISOString()).toBe('2026-11-20T10:00:00.000Z');

    // Each engagement type resumes from its own stamp (the last one read is read again, unchanged).
    hs.update('meetings', meeting.id, { hs_meeting_outcome: 'NO_SHOW' });
    expect(await sync()).toMatchObject({ records: { activity: 3 }, changed: { activity: 1 } });
    expect((await t.db.prisma.activity.findFirstOrThrow({ where: { tenantId, crmId: meeting.id } })).outcome).toBe(
      'NO_SHOW',
    );
    const cursor = JSON.parse(((await connection()).cursors as Record<string, string>).activity!) as object;
    expect(Object.keys(cursor).sort()).toEqual(['calls', 'emails', 'meetings']);
  });

  it('writes scores in batches of 100 and retries only the records a 207 names', async () => {
    const people = await t.db.prisma.lead.findMany({ where: { tenantId }, select: { id: true, crmId: true } });
    const failing = people[7]!;
    hs.failRecord('contacts', failing.crmId, 1);
    await scoreStoredLeads(
      tenant,
      people.map((p) => p.id),
      { store: true, now: new Date() },
    );
    hs.clearCalls();
    expect(await writeBack()).toEqual({ sent: 449, failed: 1 });
    expect(hs.calls.filter((c) => c.path.endsWith('/batch/update'))).toHaveLength(5);
    expect(hs.get('contacts', people[0]!.crmId)!.properties.sdr_ev).toEqual(expect.any(String));
    expect(hs.get('contacts', failing.crmId)!.properties.sdr_ev ?? null).toBeNull();

    hs.clearCalls();
    expect(await writeBack()).toEqual({ sent: 1, failed: 0 });
    expect(hs.calls.filter((c) => c.path.endsWith('/batch/update'))).toHaveLength(1);
    expect(hs.get('contacts', failing.crmId)!.properties.sdr_ev).toEqual(expect.any(String));
  });

  it('retries server errors, and creates tasks and notes associated with the contact', async () => {
    hs.failNext({ method: 'POST', path: /\/search$/ }, { status: 502, times: 1 });
    expect(await sync()).toMatchObject({ changed: expect.any(Object) });
    const crm = await openCrm(tenant, t.crm.context);
    const contact = hs.all('contacts')[30]!;
    const taskId = await crm!.port.createTask({
      object: 'contact',
      crmId: contact.id,
      subject: 'Call back',
      body: 'About 40 vans',
      dueAt: new Date('2026-11-26T10:00:00Z'),
    });
    expect(hs.get('tasks', taskId)!.properties).toMatchObject({ hs_task_subject: 'Call back' });
    expect(hs.associatedIds('tasks', taskId, 'contacts')).toEqual([contact.id]);
    const noteId = await crm!.port.createNote({
      object: 'contact',
      crmId: contact.id,
      subject: 'Summary',
      body: '<b>',
    });
    expect(hs.get('notes', noteId)!.properties.hs_note_body).toContain('&#60;b&#62;');
    expect(hs.associatedIds('notes', noteId, 'contacts')).toEqual([contact.id]);
  });

  it('removes archived records at the next archive check, a few times a day', async () => {
    const contact = hs.all('contacts')[40]!;
    const deal = hs.all('deals')[2]!;
    const call = hs.all('calls')[0]!;
    hs.archive('contacts', contact.id);
    hs.archive('deals', deal.id);
    hs.archive('calls', call.id);
    expect(await sync()).toMatchObject({ removed: { company: 0, contact: 0, deal: 0, activity: 0 } });
    expect(await t.db.prisma.lead.count({ where: { tenantId, crmId: contact.id } })).toBe(1);
    ahead += 7 * 3600_000;
    hs.clearCalls();
    expect(await sync()).toMatchObject({ removed: { company: 0, contact: 1, deal: 1, activity: 1 } });
    expect(hs.calls.filter((c) => c.method === 'GET' && /archived=true/.test(c.query))).not.toHaveLength(0);
    expect(await t.db.prisma.lead.count({ where: { tenantId, crmId: contact.id } })).toBe(0);
    expect(await t.db.prisma.opportunity.count({ where: { tenantId, crmId: deal.id } })).toBe(0);
    expect(await t.db.prisma.activity.count({ where: { tenantId, crmId: call.id } })).toBe(0);
  });

  it('refreshes an expired token once and stores the new one', async () => {
    const before = (await connection()).credentials;
    hs.expireTokens();
    hs.update('contacts', hs.all('contacts')[11]!.id, { jobtitle: 'Director' });
    expect(await sync()).toMatchObject({ changed: { contact: 1 } });
    expect((await connection()).credentials).not.toBe(before);
  });

  it('waits out a rate limit, and pauses with a plain status on the daily limit', async () => {
    hs.failNext(
      { method: 'POST', path: /\/search$/ },
      {
        status: 429,
        headers: { 'retry-after': '1' },
        body: { status: 'error', message: 'Too many requests', errorType: 'RATE_LIMIT', policyName: 'BURST' },
        times: 1,
      },
    );
    expect(await sync()).toMatchObject({ changed: expect.any(Object) });
    hs.failNext(
      { method: 'POST', path: /\/search$/ },
      {
        status: 429,
        body: {
          status: 'error',
          message: 'You have reached your daily limit.',
          errorType: 'RATE_LIMIT',
          policyName: 'DAILY',
        },
        times: 1,
      },
    );
    expect(await sync()).toMatchObject({ skipped: expect.stringContaining('daily') });
    const status = (await request(t.app).get('/v1/crm/connection').set(auth).expect(200)).body;
    expect(status).toMatchObject({ status: 'paused' });
    await sync();
    expect((await connection()).status).toBe('connected');
  });

  describe('webhooks', () => {
    const deliver = (body: unknown, options: { at?: number; secret?: string; portal?: number } = {}) => {
      const rawBody = JSON.stringify(body);
      const timestamp = String(options.at ?? clock.now().getTime());
      const signature = computeSignature(options.secret ?? hs.app.clientSecret, {
        method: 'POST',
        uri: `${PUBLIC_URL}/webhooks/hubspot`,
        rawBody,
        timestamp,
      });
      return request(t.app)
        .post('/webhooks/hubspot')
        .set('Content-Type', 'application/json')
        .set('X-HubSpot-Signature-v3', signature)
        .set('X-HubSpot-Request-Timestamp', timestamp)
        .send(rawBody);
    };
    const event = (eventId: number, objectId: string, portalId = hs.portalId) => ({
      eventId,
      subscriptionId: 1,
      portalId,
      appId: 1,
      occurredAt: Date.now(),
      subscriptionType: 'contact.propertyChange',
      attemptNumber: 0,
      objectId: Number(objectId),
      propertyName: 'jobtitle',
      propertyValue: 'Head of Transport',
      changeSource: 'CRM_UI',
    });
    const stored = () => t.db.prisma.webhookEvent.count({ where: { tenantId } });

    it('stores each event once however often HubSpot delivers it, then works it as a job', async () => {
      const contact = hs.all('contacts')[20]!;
      hs.update('contacts', contact.id, { jobtitle: 'Head of Transport' });
      await deliver([event(9001, contact.id)]).expect(204);
      await deliver([event(9001, contact.id)]).expect(204);
      expect(await stored()).toBe(1);
      const worked = await t.crm.jobs.webhookEvents.handler({}, jobContext(tenantId));
      expect(worked).toEqual({ events: 1, records: 1 });
      expect((await t.db.prisma.lead.findFirstOrThrow({ where: { tenantId, crmId: contact.id } })).title).toBe(
        'Head of Transport',
      );
      // A third delivery after processing is still recognised and not worked again.
      await deliver([event(9001, contact.id)]).expect(204);
      expect(await t.crm.jobs.webhookEvents.handler({}, jobContext(tenantId))).toEqual({ events: 0, records: 0 });
    });

    it('takes a company’s new owner from a property-change event', async () => {
      const [target] = hs.all('companies');
      hs.update('companies', target!.id, { hubspot_owner_id: '' });
      await deliver([
        {
          ...event(9300, target!.id),
          subscriptionType: 'company.propertyChange',
          propertyName: 'hubspot_owner_id',
          propertyValue: '',
        },
      ]).expect(204);
      expect(await t.crm.jobs.webhookEvents.handler({}, jobContext(tenantId))).toEqual({ events: 1, records: 1 });
      expect((await t.db.prisma.company.findFirstOrThrow({ where: { tenantId, crmId: target!.id } })).ownerId).toBe(
        null,
      );

      hs.update('companies', target!.id, { hubspot_owner_id: hs.installingOwner.id });
      await deliver([
        {
          ...event(9301, target!.id),
          subscriptionType: 'company.propertyChange',
          propertyName: 'hubspot_owner_id',
          propertyValue: hs.installingOwner.id,
        },
      ]).expect(204);
      expect(await t.crm.jobs.webhookEvents.handler({}, jobContext(tenantId))).toEqual({ events: 1, records: 1 });
      expect((await t.db.prisma.company.findFirstOrThrow({ where: { tenantId, crmId: target!.id } })).ownerId).toBe(
        'sdr-hs',
      );
    });

    it('removes deleted and merged-away records, keeping the merge survivor up to date', async () => {
      const [gone, loser, winner] = hs.all('contacts').slice(50, 53);
      hs.update('contacts', winner!.id, { jobtitle: 'Merged Head of Fleet' });
      await deliver([
        { ...event(9200, gone!.id), subscriptionType: 'contact.deletion' },
        {
          ...event(9201, winner!.id),
          subscriptionType: 'contact.merge',
          primaryObjectId: Number(winner!.id),
          mergedObjectIds: [Number(loser!.id)],
        },
      ]).expect(204);
      expect(await t.crm.jobs.webhookEvents.handler({}, jobContext(tenantId))).toEqual({ events: 2, records: 3 });
      const stored = await t.db.prisma.lead.findMany({
        where: { tenantId, crmId: { in: [gone!.id, loser!.id, winner!.id] } },
      });
      expect(stored.map((lead) => [lead.crmId, lead.title])).toEqual([[winner!.id, 'Merged Head of Fleet']]);
    });

    it('refuses bad signatures, stale or future timestamps, malformed bodies and unknown portals, storing nothing', async () => {
      const before = await stored();
      const contact = hs.all('contacts')[21]!;
      expect((await deliver([event(9100, contact.id)], { secret: 'wrong' }).expect(401)).body.detail).toMatch(
        /mismatch/,
      );
      await deliver([event(9101, contact.id)], { at: clock.now().getTime() - 6 * 60_000 }).expect(401);
      await deliver([event(9102, contact.id)], { at: clock.now().getTime() + 60_000 }).expect(401);
      await request(t.app)
        .post('/webhooks/hubspot')
        .set('Content-Type', 'application/json')
        .send(JSON.stringify([event(9103, contact.id)]))
        .expect(401);
      const malformed = await deliver([{ eventId: 'x' }]).expect(400);
      expect(malformed.headers['content-type']).toMatch(/application\/problem\+json/);
      await deliver('not an array').expect(400);
      await deliver([event(9104, contact.id, 99_999_999)]).expect(404);
      expect(await stored()).toBe(before);
    });
  });
});
