import { jest } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { ChangeCapture } from '../../src/integrations/crm/change-capture.ts';
import { scoreStoredLeads } from '../../src/agents/scoring/scoring-service.ts';
import { TenantDb } from '../../src/db/tenant-db.ts';
import { openCrm } from '../../src/integrations/crm/crm-access.ts';
import { createTenant } from '../../src/tenancy/tenants.ts';
import { noCrmApps, silentLogger, testApp, type TestApp } from '../support/app.ts';
import { databaseLabel } from '../support/database.ts';
import { startSalesforceStandIn, type SalesforceStandIn } from '../stand-ins/salesforce/index.ts';
import { createStreamingStandIn, type StreamingStandIn } from '../stand-ins/salesforce/streaming.ts';
import { jobContext, until } from '../support/waiting.ts';

const PUBLIC_URL = 'https://sdr.example.com';
const INDUSTRIES = ['Logistics', 'Retail', 'Construction'];

describe(`Salesforce integration against a local org on ${databaseLabel}`, () => {
  let sf: SalesforceStandIn;
  let streaming: StreamingStandIn;
  let t: TestApp;
  let tenantId: string;
  let auth: { Authorization: string };
  let tenant: TenantDb;
  let privateKeyPem: string;
  /** The service's clock runs ahead of the org's by this much, to bring the next deletion check forward. */
  let ahead = 0;
  const clock = { now: () => new Date(Date.now() + ahead) };

  const sync = () => t.crm.jobs.sync.handler({}, jobContext(tenantId)) as Promise<Record<string, unknown>>;
  const writeBack = () => t.crm.jobs.writeBack.handler({}, jobContext(tenantId)) as Promise<Record<string, unknown>>;
  const connection = () => t.db.prisma.crmConnection.findUniqueOrThrow({ where: { tenantId } });

  beforeAll(async () => {
    sf = await startSalesforceStandIn({
      redirectUri: `${PUBLIC_URL}/oauth/salesforce/callback`,
      mountStreaming: (app, standIn) => {
        streaming = createStreamingStandIn({
          isValidToken: (token) => standIn.authenticate(token) !== null,
          longPollMs: 300,
        });
        standIn.onChange((change) => streaming.publishChange(change));
        app.use('/cometd', streaming.router);
      },
    });
    const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
    privateKeyPem = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    sf.registerJwtCertificate(keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(), 'sync@acme.example');
    const keyFile = path.join(await mkdtemp(path.join(os.tmpdir(), 'sdr-jwt-')), 'key.pem');
    await writeFile(keyFile, privateKeyPem);
    t = await testApp({
      workers: false,
      clock,
      crm: {
        ...noCrmApps,
        publicUrl: PUBLIC_URL,
        salesforce: {
          clientId: sf.clientId,
          clientSecret: sf.clientSecret,
          loginUrl: sf.loginUrl,
          apiVersion: '62.0',
          jwtKeyFile: keyFile,
        },
      },
      bulkThreshold: 300,
    });
    const created = await createTenant(t.db.prisma, { crm: 'salesforce', externalId: sf.orgId, name: 'Acme' });
    tenantId = created.tenantId;
    auth = { Authorization: `Bearer ${created.apiKey}` };
    tenant = new TenantDb(t.db.prisma, tenantId, 'test');
    // An SDR on the roster who is also the org's admin: records the admin owns resolve to them.
    await t.db.prisma.user.create({
      data: { tenantId, id: 'sdr-1', email: String(sf.get('User', sf.userId)!.Email).toUpperCase(), name: 'Admin SDR' },
    });

    const accounts = sf.insert(
      'Account',
      INDUSTRIES.map((industry, i) => ({
        Name: `Account ${i}`,
        Website: `https://www.account${i}.example/`,
        Industry: industry,
        NumberOfEmployees: 100 * (i + 1),
      })),
    );
    sf.insert(
      'Lead',
      Array.from({ length: 2500 }, (_, i) => ({
        LastName: `Lead ${i}`,
        Company: `Prospect ${i}`,
        Email: `lead${i}@prospect${i}.example`,
        Industry: INDUSTRIES[i % 3],
        NumberOfEmployees: 10 + i,
        LeadSource: i % 2 ? 'Webinar' : 'Referral',
        Title: i % 5 ? 'Fleet Manager' : 'VP Operations',
      })),
    );
    const contacts = sf.insert(
      'Contact',
      Array.from({ length: 10 }, (_, i) => ({
        LastName: `Contact ${i}`,
        AccountId: accounts[i % 3]!.Id,
        Email: `c${i}@account${i % 3}.example`,
      })),
    );
    sf.insert(
      'Opportunity',
      contacts.slice(0, 4).map((contact, i) => ({
        Name: `Deal ${i}`,
        StageName: 'Prospecting',
        CloseDate: '2026-12-31',
        Amount: 10_000 * (i + 1),
        AccountId: contact.AccountId,
        ContactId: contact.Id,
      })),
    );
    sf.insert(
      'Task',
      contacts.slice(0, 5).map((contact, i) => ({
        WhoId: contact.Id,
        Subject: `Call ${i}`,
        TaskSubtype: 'Call',
        CallType: 'Outbound',
        Status: 'Completed',
      })),
    );
  });

  afterAll(async () => {
    await t?.close();
    streaming?.close();
    await sf?.close();
  });

  it('connects through the OAuth web-server flow and keeps the tokens sealed', async () => {
    const link = (await request(t.app).post('/v1/crm/authorize').set(auth).expect(200)).body;
    expect(link.authorizeUrl.startsWith(sf.loginUrl)).toBe(true);
    const consent = await fetch(link.authorizeUrl, { redirect: 'manual' });
    const back = new URL(consent.headers.get('location')!);
    expect(`${back.origin}${back.pathname}`).toBe(`${PUBLIC_URL}/oauth/salesforce/callback`);

    // A forged state is refused and stores nothing.
    await request(t.app)
      .get('/oauth/salesforce/callback')
      .query({ code: back.searchParams.get('code'), state: 'forged.state' })
      .expect(400);
    expect(await t.db.prisma.crmConnection.count({ where: { tenantId } })).toBe(0);

    const page = await request(t.app).get(`/oauth/salesforce/callback${back.search}`).expect(200);
    expect(page.text).toContain('Salesforce connected');
    const row = await connection();
    expect(row).toMatchObject({ provider: 'salesforce', authFlow: 'oauth', status: 'connected' });
    expect(row.instanceUrl).toBe(sf.instanceUrl);
    const tokens = t.crm.context.box.openJson<{ accessToken: string; refreshToken: string }>(row.credentials);
    expect(row.credentials).not.toContain(tokens.accessToken);
    expect(tokens.refreshToken).toBeTruthy();
    const status = (await request(t.app).get('/v1/crm/connection').set(auth).expect(200)).body;
    expect(status).toMatchObject({ crm: 'salesforce', status: 'connected', authFlow: 'oauth' });
  });

  it('refuses a connection to an org that is not the tenant’s', async () => {
    const other = await createTenant(t.db.prisma, {
      crm: 'salesforce',
      externalId: '00D000000000001AAA',
      name: 'Other',
    });
    const link = (
      await request(t.app)
        .post('/v1/crm/authorize')
        .set({ Authorization: `Bearer ${other.apiKey}` })
        .expect(200)
    ).body;
    const back = new URL((await fetch(link.authorizeUrl, { redirect: 'manual' })).headers.get('location')!);
    const page = await request(t.app).get(`/oauth/salesforce/callback${back.search}`).expect(409);
    expect(page.text).toContain('Wrong Salesforce org');
    expect(await t.db.prisma.crmConnection.count({ where: { tenantId: other.tenantId } })).toBe(0);
  });

  it('backfills every object with references resolved, then reads only what changed', async () => {
    const first = await sync();
    expect(first.records).toEqual({ company: 3, lead: 2500, contact: 10, deal: 4, activity: 5 });
    expect(first.usersLinked).toBe(1);
    expect(await t.db.prisma.lead.count({ where: { tenantId } })).toBe(2510);
    const lead = await t.db.prisma.lead.findFirstOrThrow({
      where: { tenantId, lastName: 'Lead 7' },
      include: { company: true },
    });
    expect(lead).toMatchObject({ crmType: 'lead', source: 'Webinar', title: 'Fleet Manager', ownerId: 'sdr-1' });
    // A lead's own firmographics become its company, so scoring reads them as it reads an account's.
    expect(lead.company).toMatchObject({ industry: 'Retail', employees: 17, name: 'Prospect 7' });
    const contact = await t.db.prisma.lead.findFirstOrThrow({
      where: { tenantId, lastName: 'Contact 1' },
      include: { company: true, opportunities: true, activities: true },
    });
    expect(contact.company).toMatchObject({ name: 'Account 1', domain: 'account1.example', industry: 'Retail' });
    expect(contact.opportunities).toHaveLength(1);
    expect(contact.activities).toMatchObject([{ type: 'call', direction: 'outbound', subject: 'Call 1' }]);
    expect((await connection()).backfilledAt).not.toBeNull();

    const again = await sync();
    expect(again.changed).toEqual({ company: 0, lead: 0, contact: 0, deal: 0, activity: 0 });

    sf.update('Lead', sf.all('Lead')[42]!.Id as string, { Title: 'Chief Executive Officer' });
    const third = await sync();
    expect(third.changed).toMatchObject({ lead: 1, contact: 0 });
    expect((await t.db.prisma.lead.findFirstOrThrow({ where: { tenantId, lastName: 'Lead 42' } })).title).toBe(
      'Chief Executive Officer',
    );
  });

  it('stores each account’s owner as the roster user linked to that Salesforce user, and no owner for a stranger', async () => {
    const company = (crmId: unknown) =>
      t.db.prisma.company.findFirstOrThrow({ where: { tenantId, crmId: String(crmId) } });
    const [account] = sf.all('Account');
    // The admin owns what the tests inserted, and the admin is sdr-1 through the linked CRM user id.
    expect((await t.db.prisma.user.findFirstOrThrow({ where: { tenantId, id: 'sdr-1' } })).crmUserId).toBe(sf.userId);
    for (const inserted of sf.all('Account')) expect((await company(inserted.Id)).ownerId).toBe('sdr-1');
    // A lead's own firmographics are no account: the lead's owner does not become an account owner.
    expect(
      await t.db.prisma.company.count({ where: { tenantId, crmId: { startsWith: 'lead:' }, ownerId: { not: null } } }),
    ).toBe(0);
    expect(await t.db.prisma.company.count({ where: { tenantId, crmId: { startsWith: 'lead:' } } })).toBe(2500);

    // The integration user is a Salesforce user nobody on the roster matches.
    const stranger = sf.all('User').find((user) => user.Username === 'sync@acme.example')!;
    sf.update('Account', account!.Id as string, { OwnerId: stranger.Id });
    expect(await sync()).toMatchObject({ changed: { company: 1 } });
    expect(sf.get('Account', account!.Id as string)!.OwnerId).toBe(stranger.Id);
    expect((await company(account!.Id)).ownerId).toBeNull();

    // Once the roster links someone to that user, the account's next change resolves to them.
    await t.db.prisma.user.create({
      data: { tenantId, id: 'sdr-2', email: 'second@acme.example', name: 'Second SDR', crmUserId: String(stranger.Id) },
    });
    sf.update('Account', account!.Id as string, { Description: 'Renewal in Q2' });
    await sync();
    expect((await company(account!.Id)).ownerId).toBe('sdr-2');
    sf.update('Account', account!.Id as string, { OwnerId: sf.userId });
    await sync();
    expect((await company(account!.Id)).ownerId).toBe('sdr-1');
  });

  it('resumes from the stored cursor after a sync stopped halfway', async () => {
    const leads = sf.all('Lead').slice(0, 2300);
    for (const lead of leads) sf.update('Lead', lead.Id as string, { Status: 'Working' });
    // The second page of leads cannot be read (its query cursor is gone): the first page and its cursor are stored.
    sf.failNext(
      { method: 'GET', path: /\/query\/.+/ },
      { status: 400, body: [{ errorCode: 'INVALID_QUERY_LOCATOR', message: 'invalid query locator' }] },
    );
    await expect(sync()).rejects.toThrow();
    const stored = await t.db.prisma.lead.count({ where: { tenantId, status: 'Working' } });
    expect(stored).toBeGreaterThan(1500);
    expect(stored).toBeLessThan(2300);
    const cursor = ((await connection()).cursors as Record<string, string>).lead!;
    expect((await connection()).status).toBe('error');
    const resumed = (await sync()) as { records: { lead: number } };
    // Exactly what follows the stored cursor is read: nothing before it again, nothing skipped.
    expect(resumed.records.lead).toBe(2300 - stored);
    expect(((await connection()).cursors as Record<string, string>).lead! > cursor).toBe(true);
    expect(await t.db.prisma.lead.count({ where: { tenantId, status: 'Working' } })).toBe(2300);
    expect(await t.db.prisma.lead.count({ where: { tenantId } })).toBe(2510);
    expect((await connection()).status).toBe('connected');
  });

  it('rides out server errors with backoff', async () => {
    sf.update('Lead', sf.all('Lead')[5]!.Id as string, { Title: 'Transport Planner' });
    sf.failNext(
      { method: 'GET', path: '/query' },
      { status: 503, body: [{ errorCode: 'SERVER_UNAVAILABLE', message: 'Server temporarily unavailable' }], times: 2 },
    );
    expect(await sync()).toMatchObject({ changed: { lead: 1 } });
  });

  it('removes what the org deleted at the next deletion check, keeping the calls that were about it', async () => {
    const [lead] = sf.all('Lead').slice(100, 101);
    const deal = sf.all('Opportunity')[3]!;
    const task = sf.all('Task')[4]!;
    const account = sf.all('Account')[2]!;
    const stored = (crmId: unknown) => t.db.prisma.lead.findFirstOrThrow({ where: { tenantId, crmId: String(crmId) } });
    const ours = await stored(lead!.Id);
    await t.db.prisma.call.create({ data: { tenantId, id: 'call-deleted-lead', leadId: ours.id, platform: 'zoom' } });
    await t.db.prisma.crmWriteBack.create({
      data: { tenantId, id: 'wb-deleted', objectType: 'lead', crmId: String(lead!.Id), kind: 'scores', fields: {} },
    });
    const accountContacts = await t.db.prisma.lead.count({
      where: { tenantId, company: { crmId: String(account.Id) } },
    });
    for (const [type, record] of [
      ['Lead', lead!],
      ['Opportunity', deal],
      ['Task', task],
      ['Account', account],
    ] as const)
      sf.delete(type, String(record.Id));

    // Within a minute of the last check the org is not asked again.
    expect((await sync()).removed).toEqual({ company: 0, lead: 0, contact: 0, deal: 0, activity: 0 });
    ahead += 2 * 60_000;
    const enqueue = jest.spyOn(t.jobs, 'enqueue');
    const summary = (await sync()) as { removed: Record<string, number> };
    const changed = enqueue.mock.calls.flatMap(([, , payload]) => (payload as { leadIds?: string[] }).leadIds ?? []);
    enqueue.mockRestore();
    expect(summary.removed).toEqual({ company: 1, lead: 1, contact: 0, deal: 1, activity: 1 });
    expect(await t.db.prisma.lead.findFirst({ where: { tenantId, crmId: String(lead!.Id) } })).toBeNull();
    expect(await t.db.prisma.opportunity.findFirst({ where: { tenantId, crmId: String(deal.Id) } })).toBeNull();
    expect(await t.db.prisma.activity.findFirst({ where: { tenantId, crmId: String(task.Id) } })).toBeNull();
    expect(await t.db.prisma.company.findFirst({ where: { tenantId, crmId: String(account.Id) } })).toBeNull();
    expect(await t.db.prisma.call.findFirstOrThrow({ where: { tenantId, id: 'call-deleted-lead' } })).toMatchObject({
      leadId: null,
    });
    expect(await t.db.prisma.crmWriteBack.count({ where: { tenantId, id: 'wb-deleted' } })).toBe(0);
    // The people at the deleted account, and those whose deal or touch went, are scored again.
    const contactOfDeal = await stored(deal.ContactId);
    const contactOfTask = await stored(task.WhoId);
    expect(changed).toEqual(expect.arrayContaining([contactOfDeal.id, contactOfTask.id]));
    expect(accountContacts).toBeGreaterThan(0);
    expect(await t.db.prisma.lead.count({ where: { tenantId, crmType: 'contact', companyId: null } })).toBe(
      accountContacts,
    );
  });

  it('creates follow-up tasks and logs notes on the record', async () => {
    const crm = await openCrm(tenant, t.crm.context);
    const lead = sf.all('Lead')[6]!;
    const taskId = await crm!.port.createTask({
      object: 'lead',
      crmId: lead.Id as string,
      subject: 'Call back about fleet size',
      body: 'Asked for pricing for 40 vans',
      dueAt: new Date('2026-11-26T10:00:00Z'),
    });
    expect(sf.get('Task', taskId)).toMatchObject({ WhoId: lead.Id, Status: 'Not Started', ActivityDate: '2026-11-26' });
    const noteId = await crm!.port.createNote({
      object: 'lead',
      crmId: lead.Id as string,
      subject: 'Call summary',
      body: 'x',
    });
    expect(sf.get('Task', noteId)).toMatchObject({ WhoId: lead.Id, Status: 'Completed' });
  });

  it('writes scores back in collections of 200, retrying only the record that failed', async () => {
    const contacts = await t.db.prisma.lead.findMany({ where: { tenantId, crmType: 'contact' }, select: { id: true } });
    const ids = contacts.map((c) => c.id);
    const failing = await t.db.prisma.lead.findFirstOrThrow({ where: { tenantId, lastName: 'Contact 3' } });
    sf.failRecord(failing.crmId, { statusCode: 'UNABLE_TO_LOCK_ROW', message: 'unable to obtain exclusive access' });
    await scoreStoredLeads(tenant, ids, { store: true, now: new Date() });
    expect(await t.db.prisma.crmWriteBack.count({ where: { tenantId } })).toBe(10);

    const before = sf.calls.length;
    expect(await writeBack()).toEqual({ sent: 9, failed: 1 });
    const writes = sf.calls.slice(before).filter((c) => c.path.includes('/composite/sobjects'));
    expect(writes).toHaveLength(1);
    const first = await t.db.prisma.lead.findFirstOrThrow({ where: { tenantId, lastName: 'Contact 0' } });
    const written = sf.get('Contact', first.crmId)!;
    expect(written.SDR_EV_Score__c).toEqual(expect.any(Number));
    expect(written).toMatchObject({ SDR_Risk__c: expect.any(Number), SDR_Urgency__c: expect.any(Number) });
    expect(written.SDR_Scored_At__c).toEqual(expect.any(String));
    expect(sf.get('Contact', failing.crmId)!.SDR_EV_Score__c ?? null).toBeNull();
    expect(await t.db.prisma.crmWriteBack.findMany({ where: { tenantId } })).toMatchObject([
      { crmId: failing.crmId, attempts: 1, lastError: expect.stringContaining('UNABLE_TO_LOCK_ROW') },
    ]);

    const retryStart = sf.calls.length;
    expect(await writeBack()).toEqual({ sent: 1, failed: 0 });
    expect(sf.calls.slice(retryStart).filter((c) => c.path.includes('/composite/sobjects'))).toHaveLength(1);
    expect(sf.get('Contact', failing.crmId)!.SDR_EV_Score__c).toEqual(expect.any(Number));
    expect(await t.db.prisma.crmWriteBack.count({ where: { tenantId } })).toBe(0);
  });

  it('uses one Bulk API 2.0 job above the threshold', async () => {
    const leads = await t.db.prisma.lead.findMany({
      where: { tenantId, crmType: 'lead' },
      select: { id: true },
      take: 500,
    });
    await scoreStoredLeads(
      tenant,
      leads.map((l) => l.id),
      { store: true, now: new Date() },
    );
    const before = sf.calls.length;
    expect(await writeBack()).toEqual({ sent: 500, failed: 0 });
    const traffic = sf.calls.slice(before);
    expect(traffic.filter((c) => c.method === 'POST' && /\/jobs\/ingest$/.test(c.path))).toHaveLength(1);
    expect(traffic.filter((c) => c.path.includes('/composite/sobjects'))).toHaveLength(0);
  });

  it('renews an expired session with the refresh token and stores the new one sealed', async () => {
    const sealed = (await connection()).credentials;
    sf.expireSessions();
    const tokenCalls = () => sf.calls.filter((c) => c.path === '/services/oauth2/token').length;
    const before = tokenCalls();
    await sync();
    expect(tokenCalls()).toBe(before + 1);
    expect((await connection()).credentials).not.toBe(sealed);
  });

  it('says in plain words when the org withdrew access, and keeps write-backs until reconnected', async () => {
    const someone = await t.db.prisma.lead.findFirstOrThrow({ where: { tenantId, lastName: 'Contact 5' } });
    await scoreStoredLeads(tenant, [someone.id], { store: true, now: new Date() });
    sf.revokeRefreshTokens();
    sf.expireSessions();
    expect(await writeBack()).toMatchObject({ skipped: expect.stringContaining('reconnect') });
    const status = (await request(t.app).get('/v1/crm/connection').set(auth).expect(200)).body;
    expect(status).toMatchObject({ status: 'reauthorization_required', pendingWriteBacks: 1 });
    expect(status.message).toMatch(/reconnect/);
    expect(await sync()).toMatchObject({ skipped: expect.any(String) });

    // The admin reconnects as the integration user (JWT bearer flow): the pending score goes out.
    const connected = await request(t.app)
      .post('/v1/crm/salesforce/jwt')
      .set(auth)
      .send({ username: 'sync@acme.example' })
      .expect(200);
    expect(connected.body).toMatchObject({ status: 'connected', authFlow: 'jwt' });
    expect(await writeBack()).toEqual({ sent: 1, failed: 0 });
    // A JWT session that ends is renewed by signing a new assertion.
    sf.expireSessions();
    expect(await sync()).toMatchObject({ records: expect.any(Object) });
  });

  it('refuses an integration user Salesforce does not know, changing nothing', async () => {
    const before = await connection();
    const res = await request(t.app)
      .post('/v1/crm/salesforce/jwt')
      .set(auth)
      .send({ username: 'stranger@acme.example' })
      .expect(422);
    expect(res.body.errors).toEqual([{ field: 'body.username', message: 'refused by Salesforce' }]);
    expect((await connection()).credentials).toBe(before.credentials);
  });

  it('pauses near the daily API limit instead of spending the org’s allowance', async () => {
    sf.setApiUsage(Math.ceil(15_000 * 0.96));
    await sync();
    expect(await sync()).toMatchObject({ skipped: expect.stringContaining('daily API') });
    const status = (await request(t.app).get('/v1/crm/connection').set(auth).expect(200)).body;
    expect(status.status).toBe('paused');
    expect(status.apiUsage.max).toBe(15_000);
    sf.setApiUsage(0);
    await sync();
    await sync();
    expect((await connection()).status).toBe('connected');
  });

  it('receives changes as Change Data Capture events and resumes from the stored replay id', async () => {
    const capture = new ChangeCapture({
      prisma: t.db.prisma,
      context: t.crm.context,
      logger: silentLogger,
      leadsChanged: async () => {},
      gatherMs: 20,
    });
    await capture.start(3_600_000);
    expect(capture.listening()).toEqual([tenantId]);
    const target = sf.all('Lead')[3]!;
    sf.update('Lead', target.Id as string, { Title: 'Head of Fleet' });
    await until(
      async () =>
        await t.db.prisma.lead.findFirst({ where: { tenantId, crmId: target.Id as string, title: 'Head of Fleet' } }),
    );
    const replayIds = (await connection()).replayIds as Record<string, number>;
    expect(replayIds['/data/LeadChangeEvent']).toEqual(expect.any(Number));
    // A deletion arrives the same way, without waiting for the next deletion check.
    const deleted = sf.all('Lead')[4]!;
    sf.delete('Lead', deleted.Id as string);
    await until(async () => !(await t.db.prisma.lead.findFirst({ where: { tenantId, crmId: deleted.Id as string } })));
    expect((await connection()).listenerId).toBe(capture.holder);
    await capture.stop();
    expect((await connection()).listenerId).toBeNull();

    // Changed while nobody listened: delivered on restart from the stored replay id.
    sf.update('Lead', target.Id as string, { Title: 'Fleet Director' });
    const restarted = new ChangeCapture({
      prisma: t.db.prisma,
      context: t.crm.context,
      logger: silentLogger,
      leadsChanged: async () => {},
      gatherMs: 20,
    });
    await restarted.start(3_600_000);
    await until(
      async () =>
        await t.db.prisma.lead.findFirst({ where: { tenantId, crmId: target.Id as string, title: 'Fleet Director' } }),
    );
    await restarted.stop();
  });

  it('listens to each org from one replica at a time, and hands over when that replica stops or stalls', async () => {
    const replica = () =>
      new ChangeCapture({
        prisma: t.db.prisma,
        context: t.crm.context,
        logger: silentLogger,
        leadsChanged: async () => {},
        gatherMs: 20,
      });
    const [a, b, c] = [replica(), replica(), replica()];
    await a.start(3_600_000);
    await b.start(3_600_000);
    expect([a.listening(), b.listening()]).toEqual([[tenantId], []]);
    await a.stop();
    await b.refresh();
    expect(b.listening()).toEqual([tenantId]);

    // b stalls past its lease: c takes the org over, and b lets go when it next looks.
    await c.start(3_600_000);
    expect(c.listening()).toEqual([]);
    await t.db.prisma.crmConnection.update({
      where: { tenantId },
      data: { listenerLeaseUntil: new Date(Date.now() - 1000) },
    });
    await c.refresh();
    await b.refresh();
    expect([b.listening(), c.listening()]).toEqual([[], [tenantId]]);
    const target = sf.all('Lead')[6]!;
    sf.update('Lead', target.Id as string, { Title: 'Logistics Lead' });
    await until(
      async () =>
        await t.db.prisma.lead.findFirst({ where: { tenantId, crmId: target.Id as string, title: 'Logistics Lead' } }),
    );
    await b.stop();
    await c.stop();
  });

  it('describes fields for the mapping and rejects a mapping to a field the org lacks', async () => {
    const fields = (await request(t.app).get('/v1/crm/fields/lead').set(auth).expect(200)).body.data;
    expect(fields).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'LeadSource', custom: false })]));
    // The org's users, for mapping the roster: whoever the roster already carries is marked.
    const people = (await request(t.app).get('/v1/crm/users').set(auth).expect(200)).body.data;
    const rosterIds = new Set(
      (await t.db.prisma.user.findMany({ where: { tenantId, crmUserId: { not: null } } })).map((u) => u.crmUserId),
    );
    expect(people.length).toBeGreaterThan(0);
    for (const person of people) expect(person.onRoster).toBe(rosterIds.has(person.crmUserId));
    expect(people.map((p: { name: string }) => p.name)).toEqual(
      [...people.map((p: { name: string }) => p.name)].sort((a, b) => a.localeCompare(b)),
    );
    const bad = await request(t.app)
      .put('/v1/settings/field-mapping')
      .set(auth)
      .send({ fields: { lead: { source: 'Lead_Source_Detail__c' } }, scores: { lead: { ev: 'Name' } } })
      .expect(400);
    expect(bad.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'body.fields.lead.source', message: 'Lead has no field Lead_Source_Detail__c' },
      ]),
    );
    const good = await request(t.app)
      .put('/v1/settings/field-mapping')
      .set(auth)
      .send({ fields: { lead: { language: null, source: 'Status' } } })
      .expect(200);
    expect(good.body.objects.lead.fields).toMatchObject({ source: 'Status', language: null, title: 'Title' });
  });

  it('publishes call start and end as a platform event', async () => {
    const crm = await openCrm(tenant, t.crm.context);
    expect(
      await crm!.port.publishCallEvent({ callId: 'c1', state: 'started', recordCrmId: null, ownerCrmId: null }),
    ).toBe(true);
    expect(sf.publishedEvents.at(-1)).toMatchObject({
      type: 'SDR_Call_Event__e',
      payload: expect.objectContaining({ Call_Id__c: 'c1', Event_Type__c: 'started' }),
    });
  });

  it('tells the org when a live call starts and ends, naming the lead and the rep', async () => {
    const lead = await t.db.prisma.lead.findFirstOrThrow({ where: { tenantId, crmType: 'lead' } });
    const call = await request(t.app)
      .post('/v1/calls')
      .set(auth)
      .send({ platform: 'dialer', leadId: lead.id, userId: 'sdr-1' })
      .expect(201);
    const published = () =>
      sf.publishedEvents.filter((event) => (event.payload as { Call_Id__c?: string }).Call_Id__c === call.body.id);
    await until(async () => published().length === 1);
    expect(published()[0]!.payload).toMatchObject({ Event_Type__c: 'started', Record_Id__c: lead.crmId });
    await request(t.app).post(`/v1/calls/${call.body.id}/end`).set(auth).send({}).expect(200);
    await until(async () => published().length === 2);
    expect(published()[1]!.payload).toMatchObject({ Event_Type__c: 'ended', Record_Id__c: lead.crmId });
  });
});
