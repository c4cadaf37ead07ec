import request from 'supertest';
import { revokeApiKey } from '../src/tenancy/api-keys.ts';
import { databaseLabel } from './support/database.ts';
import { newTenant, testApp, type TestApp } from './support/app.ts';

describe(`leads, companies and activities API on ${databaseLabel}`, () => {
  let t: TestApp;
  let auth: { Authorization: string };
  let tenantId: string;

  beforeAll(async () => {
    t = await testApp({ bodyLimit: '200kb' });
    const tenant = await newTenant(t.db.prisma);
    auth = { Authorization: `Bearer ${tenant.apiKey}` };
    tenantId = tenant.tenantId;
  });
  afterAll(async () => {
    await t?.close();
  });

  const leadCount = () => t.db.prisma.lead.count({ where: { tenantId } });

  it('upserts one lead by CRM id, then updates it in place', async () => {
    const created = await request(t.app)
      .put('/v1/leads')
      .set(auth)
      .send({
        crmId: '00Q000000000001AAA',
        firstName: 'Priya',
        lastName: 'Raman',
        email: 'priya@northwind.test',
        source: 'Webinar',
      })
      .expect(200);
    expect(created.body).toMatchObject({ created: 1, updated: 0 });
    const lead = created.body.data[0];
    expect(lead).toMatchObject({ crmId: '00Q000000000001AAA', lastName: 'Raman', status: 'new', ownerId: null });
    expect(lead).not.toHaveProperty('tenantId');

    const updated = await request(t.app)
      .put('/v1/leads')
      .set(auth)
      .send({ crmId: '00Q000000000001AAA', lastName: 'Raman-Shah', title: 'VP Operations', email: null })
      .expect(200);
    expect(updated.body).toMatchObject({ created: 0, updated: 1 });
    expect(updated.body.data[0]).toMatchObject({
      id: lead.id,
      lastName: 'Raman-Shah',
      title: 'VP Operations',
      email: null,
      source: 'Webinar',
    });
  });

  it('upserts a batch of 1,000 in one request and returns them in input order', async () => {
    const batch = Array.from({ length: 1000 }, (_, i) => ({
      crmId: `00QBATCH${String(i).padStart(6, '0')}`,
      lastName: `Lead ${i}`,
      country: i % 2 ? 'GB' : 'US',
      status: i % 3 ? 'new' : 'working',
    }));
    const res = await request(t.app).put('/v1/leads').set(auth).send(batch).expect(200);
    expect(res.body.created).toBe(1000);
    expect(res.body.data.map((l: { crmId: string }) => l.crmId)).toEqual(batch.map((b) => b.crmId));
    const again = await request(t.app).put('/v1/leads').set(auth).send(batch.slice(0, 10)).expect(200);
    expect(again.body).toMatchObject({ created: 0, updated: 10 });
  });

  it('updates a mixed batch field by field: what an item leaves out stays, null clears, any offset is one instant', async () => {
    const first = [
      { crmId: '00QMIXED1', lastName: 'One', title: 'CFO', source: 'Webinar' },
      { crmId: '00QMIXED2', lastName: 'Two', title: 'CEO', source: 'Referral' },
      { crmId: '00QMIXED3', lastName: 'Three', title: 'COO', customFields: { Tier__c: 'A' } },
    ];
    await request(t.app).put('/v1/leads').set(auth).send(first).expect(200);
    const res = await request(t.app)
      .put('/v1/leads')
      .set(auth)
      .send([
        { crmId: '00QMIXED1', lastName: 'One', convertedAt: '2026-03-01T10:00:00+02:00' },
        { crmId: '00QMIXED2', lastName: 'Two', title: null },
        { crmId: '00QMIXED3', lastName: 'Three B', customFields: { Tier__c: 'B' } },
        { crmId: '00QMIXED4', lastName: 'Four', title: 'VP Sales' },
      ])
      .expect(200);
    expect(res.body).toMatchObject({ created: 1, updated: 3 });
    expect(res.body.data).toEqual([
      expect.objectContaining({
        crmId: '00QMIXED1',
        title: 'CFO',
        source: 'Webinar',
        convertedAt: '2026-03-01T08:00:00.000Z',
      }),
      expect.objectContaining({ crmId: '00QMIXED2', title: null, source: 'Referral' }),
      expect.objectContaining({
        crmId: '00QMIXED3',
        lastName: 'Three B',
        title: 'COO',
        customFields: { Tier__c: 'B' },
      }),
      expect.objectContaining({ crmId: '00QMIXED4', title: 'VP Sales', status: 'new', customFields: {} }),
    ]);
    const stored = await t.db.prisma.lead.findFirstOrThrow({ where: { tenantId, crmId: '00QMIXED1' } });
    expect(stored.convertedAt?.toISOString()).toBe('2026-03-01T08:00:00.000Z');
    expect(res.body.data[0].updatedAt > res.body.data[0].createdAt).toBe(true);
  });

  it('lists with filters, sorting and cursor pagination without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: request.Response = await request(t.app)
        .get('/v1/leads')
        .query({ country: 'gb', sort: 'lastName', limit: 100, ...(cursor ? { cursor } : {}) })
        .set(auth)
        .expect(200);
      seen.push(...res.body.data.map((l: { lastName: string }) => l.lastName));
      cursor = res.body.nextCursor;
      pages += 1;
    } while (cursor);
    expect(seen).toHaveLength(500);
    expect(new Set(seen).size).toBe(500);
    expect(seen).toEqual([...seen].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(pages).toBe(5);

    const working = await request(t.app)
      .get('/v1/leads')
      .query({ status: 'working', limit: 200 })
      .set(auth)
      .expect(200);
    expect(working.body.data.every((l: { status: string }) => l.status === 'working')).toBe(true);
    const search = await request(t.app).get('/v1/leads').query({ q: 'raman' }).set(auth).expect(200);
    expect(search.body.data.map((l: { lastName: string }) => l.lastName)).toEqual(['Raman-Shah']);
    // How a CRM component finds the record it sits on.
    const crmId = search.body.data[0].crmId as string;
    const byCrmId = await request(t.app).get('/v1/leads').query({ crmId }).set(auth).expect(200);
    expect(byCrmId.body.data.map((l: { crmId: string }) => l.crmId)).toEqual([crmId]);
    expect((await request(t.app).get('/v1/leads').query({ crmId: 'nope' }).set(auth).expect(200)).body.data).toEqual(
      [],
    );
  });

  it('patches a lead and links it to a company and activities', async () => {
    const company = await request(t.app)
      .put('/v1/companies')
      .set(auth)
      .send({ crmId: '001000000000001AAA', name: 'Northwind Logistics Ltd', domain: 'Northwind.test', employees: 420 })
      .expect(200);
    const companyId = company.body.data[0].id;
    expect(company.body.data[0].domain).toBe('northwind.test');
    const [lead] = (await request(t.app).get('/v1/leads').query({ q: 'raman' }).set(auth)).body.data;
    const patched = await request(t.app)
      .patch(`/v1/leads/${lead.id}`)
      .set(auth)
      .send({ companyId, status: 'qualified' })
      .expect(200);
    expect(patched.body).toMatchObject({ id: lead.id, companyId, status: 'qualified', lastName: 'Raman-Shah' });
    expect((await request(t.app).get(`/v1/leads/${lead.id}`).set(auth).expect(200)).body.companyId).toBe(companyId);
    expect((await request(t.app).get(`/v1/companies/${companyId}`).set(auth).expect(200)).body.name).toBe(
      'Northwind Logistics Ltd',
    );
    const byDomain = await request(t.app).get('/v1/companies').query({ q: 'northwind' }).set(auth).expect(200);
    expect(byDomain.body.data).toHaveLength(1);
    const byCrmId = await request(t.app)
      .get('/v1/companies')
      .query({ crmId: company.body.data[0].crmId })
      .set(auth)
      .expect(200);
    expect(byCrmId.body.data.map((c: { id: string }) => c.id)).toEqual([companyId]);
    const noSuchCrmId = await request(t.app).get('/v1/companies').query({ crmId: '001000000000NONE' }).set(auth);
    expect(noSuchCrmId.body.data).toEqual([]);

    const tenantId = (await t.db.prisma.company.findFirstOrThrow({ where: { id: companyId } })).tenantId;
    for (const [index, closed] of [false, true, false].entries())
      await t.db.prisma.opportunity.create({
        data: {
          tenantId,
          id: `00000000-0000-4000-8000-00000000000${index}`,
          crmId: `006-deal-${index}`,
          name: `Deal ${index}`,
          stage: closed ? 'Closed Won' : 'Discovery',
          isClosed: closed,
          isWon: closed,
          amount: 38000,
          currency: 'GBP',
          closeDate: new Date('2027-02-26T00:00:00Z'),
          competitors: ['Trakwell Telematics'],
          companyId,
          createdAt: new Date(Date.UTC(2026, 10, 20 + index)),
        },
      });
    const deal = await request(t.app).get('/v1/opportunities').query({ crmId: '006-deal-1' }).set(auth).expect(200);
    expect(deal.body.data).toEqual([
      expect.objectContaining({
        crmId: '006-deal-1',
        amount: { amount: 38000, currency: 'GBP' },
        closeDate: '2027-02-26',
        isClosed: true,
        competitors: ['Trakwell Telematics'],
      }),
    ]);
    const open = await request(t.app)
      .get('/v1/opportunities')
      .query({ companyId, open: 'true', limit: 1 })
      .set(auth)
      .expect(200);
    expect(open.body.data.map((d: { name: string }) => d.name)).toEqual(['Deal 2']);
    const nextDeals = await request(t.app)
      .get('/v1/opportunities')
      .query({ companyId, open: 'true', limit: 1, cursor: open.body.nextCursor })
      .set(auth)
      .expect(200);
    expect(nextDeals.body).toEqual({ data: [expect.objectContaining({ name: 'Deal 0' })], nextCursor: null });

    await request(t.app)
      .post(`/v1/leads/${lead.id}/activities`)
      .set(auth)
      .send([
        {
          crmId: '00T1',
          type: 'call',
          direction: 'outbound',
          outcome: 'connected',
          occurredAt: '2026-11-19T15:30:00Z',
        },
        { type: 'email', subject: 'Follow-up', occurredAt: '2026-11-20T09:00:00Z' },
      ])
      .expect(200);
    const resent = await request(t.app)
      .post(`/v1/leads/${lead.id}/activities`)
      .set(auth)
      .send({ crmId: '00T1', type: 'call', outcome: 'voicemail', occurredAt: '2026-11-19T15:30:00Z' })
      .expect(200);
    expect(resent.body).toMatchObject({ created: 0, updated: 1 });
    const activities = await request(t.app)
      .get(`/v1/leads/${lead.id}/activities`)
      .query({ limit: 1 })
      .set(auth)
      .expect(200);
    expect(activities.body.data[0]).toMatchObject({ type: 'email' });
    const next = await request(t.app)
      .get(`/v1/leads/${lead.id}/activities`)
      .query({ limit: 1, cursor: activities.body.nextCursor })
      .set(auth)
      .expect(200);
    expect(next.body.data[0]).toMatchObject({ crmId: '00T1', outcome: 'voicemail' });
    expect(next.body.nextCursor).toBeNull();
  });

  it('stores, returns and clears a company’s account owner', async () => {
    await t.db.prisma.user.create({
      data: { tenantId, id: 'owner-1', email: 'owner-1@acme.test', name: 'Account Owner' },
    });
    const created = await request(t.app)
      .put('/v1/companies')
      .set(auth)
      .send({ crmId: '001000000000002AAA', name: 'Owned Ltd', ownerId: 'owner-1' })
      .expect(200);
    const company = created.body.data[0];
    expect(company).toMatchObject({ name: 'Owned Ltd', ownerId: 'owner-1' });
    expect((await request(t.app).get(`/v1/companies/${company.id}`).set(auth).expect(200)).body.ownerId).toBe(
      'owner-1',
    );
    const listed = await request(t.app).get('/v1/companies').query({ q: 'owned' }).set(auth).expect(200);
    expect(listed.body.data).toMatchObject([{ id: company.id, ownerId: 'owner-1' }]);

    // Left out, the owner stays; null clears it.
    const renamed = await request(t.app)
      .put('/v1/companies')
      .set(auth)
      .send({ crmId: '001000000000002AAA', name: 'Owned Group Ltd' })
      .expect(200);
    expect(renamed.body.data[0]).toMatchObject({ id: company.id, name: 'Owned Group Ltd', ownerId: 'owner-1' });
    const cleared = await request(t.app)
      .put('/v1/companies')
      .set(auth)
      .send({ crmId: '001000000000002AAA', name: 'Owned Group Ltd', ownerId: null })
      .expect(200);
    expect(cleared.body.data[0]).toMatchObject({ id: company.id, ownerId: null });
    // A company stored without an owner says so.
    const plain = await request(t.app).get('/v1/companies').query({ q: 'northwind' }).set(auth).expect(200);
    expect(plain.body.data[0].ownerId).toBeNull();
  });

  it('leaves an audit row for each write, naming the API key', async () => {
    const [lead] = (await request(t.app).get('/v1/leads').query({ q: 'raman' }).set(auth)).body.data;
    const rows = await t.db.prisma.auditLog.findMany({
      where: { tenantId, recordType: 'Lead', recordId: lead.id },
      orderBy: { at: 'asc' },
    });
    expect(rows.map((r) => r.action)).toEqual(['insert', 'update', 'update']);
    expect(rows.every((r) => r.actor.startsWith('api-key:'))).toBe(true);
  });

  describe('bad input: a problem naming the field, and nothing written', () => {
    const problem = (res: request.Response, status: number, field: string) => {
      expect(res.status).toBe(status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status, title: expect.any(String), type: expect.any(String) });
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    };

    it('malformed JSON', async () => {
      const before = await leadCount();
      const res = await request(t.app)
        .put('/v1/leads')
        .set(auth)
        .set('Content-Type', 'application/json')
        .send('{"crmId": "x",');
      problem(res, 400, 'body');
      expect(await leadCount()).toBe(before);
    });

    it('wrong types and unknown fields, in a batch', async () => {
      const before = await leadCount();
      const res = await request(t.app)
        .put('/v1/leads')
        .set(auth)
        .send([
          { crmId: 'ok-1', lastName: 'Fine' },
          { crmId: 'bad-1', lastName: 42, favouriteColour: 'red' },
        ]);
      problem(res, 400, 'body.1.lastName');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('body.1.favouriteColour');
      expect(await leadCount()).toBe(before);
    });

    it('an invalid email and a batch over 1,000', async () => {
      problem(
        await request(t.app).put('/v1/leads').set(auth).send({ crmId: 'x', lastName: 'y', email: 'nope' }),
        400,
        'body.email',
      );
      const tooMany = Array.from({ length: 1001 }, (_, i) => ({ crmId: `c${i}`, lastName: 'n' }));
      const res = await request(t.app).put('/v1/leads').set(auth).send(tooMany);
      expect(res.status).toBe(400);
    });

    it('a body over the limit', async () => {
      const before = await leadCount();
      const res = await request(t.app)
        .put('/v1/leads')
        .set(auth)
        .send({ crmId: 'big', lastName: 'x'.repeat(300_000) });
      problem(res, 413, 'body');
      expect(await leadCount()).toBe(before);
    });

    it('a body that is not JSON', async () => {
      const res = await request(t.app).put('/v1/leads').set(auth).set('Content-Type', 'text/plain').send('crmId=x');
      problem(res, 415, 'body');
    });

    it('duplicate CRM ids in one batch', async () => {
      const res = await request(t.app)
        .put('/v1/leads')
        .set(auth)
        .send([
          { crmId: 'd', lastName: 'a' },
          { crmId: 'd', lastName: 'b' },
        ]);
      problem(res, 400, 'body.1.crmId');
    });

    it('a company or owner id that does not exist', async () => {
      const before = await leadCount();
      const res = await request(t.app)
        .put('/v1/leads')
        .set(auth)
        .send([{ crmId: 'new-lead', lastName: 'N', companyId: 'no-such-company' }]);
      problem(res, 400, 'body.0.companyId');
      expect(await leadCount()).toBe(before);
    });

    it('a company owner who is not a user of the caller’s tenant', async () => {
      const other = await newTenant(t.db.prisma);
      await t.db.prisma.user.create({
        data: { tenantId: other.tenantId, id: 'other-tenant-rep', email: 'rep@other.test', name: 'Elsewhere' },
      });
      const companies = () => t.db.prisma.company.findMany({ where: { tenantId }, orderBy: { id: 'asc' } });
      const before = await companies();

      const foreign = await request(t.app)
        .put('/v1/companies')
        .set(auth)
        .send({ crmId: '001000000000003AAA', name: 'Nobody’s Ltd', ownerId: 'other-tenant-rep' });
      problem(foreign, 400, 'body.ownerId');
      expect(foreign.body.errors).toEqual([{ field: 'body.ownerId', message: 'no user with this id' }]);

      // In a batch the item is named, and the valid items are not stored either.
      const unknown = await request(t.app)
        .put('/v1/companies')
        .set(auth)
        .send([
          { crmId: '001000000000004AAA', name: 'Fine Ltd' },
          { crmId: '001000000000002AAA', name: 'Owned Group Ltd', ownerId: 'no-such-user' },
        ]);
      problem(unknown, 400, 'body.1.ownerId');
      expect(await companies()).toEqual(before);
    });

    it('bad query values and cursors', async () => {
      problem(await request(t.app).get('/v1/leads').query({ limit: 0 }).set(auth), 400, 'query.limit');
      problem(await request(t.app).get('/v1/leads').query({ sort: 'salary' }).set(auth), 400, 'query.sort');
      problem(await request(t.app).get('/v1/leads').query({ colour: 'red' }).set(auth), 400, 'query.colour');
      problem(await request(t.app).get('/v1/leads').query({ cursor: 'garbage!' }).set(auth), 400, 'query.cursor');
      const page = await request(t.app).get('/v1/leads').query({ limit: 1, sort: 'lastName' }).set(auth).expect(200);
      problem(
        await request(t.app).get('/v1/leads').query({ cursor: page.body.nextCursor, sort: '-createdAt' }).set(auth),
        400,
        'query.cursor',
      );
    });

    it('an empty patch, and a patch that tries to change the CRM id', async () => {
      const [lead] = (await request(t.app).get('/v1/leads').query({ limit: 1 }).set(auth)).body.data;
      problem(await request(t.app).patch(`/v1/leads/${lead.id}`).set(auth).send({}), 400, 'body');
      problem(await request(t.app).patch(`/v1/leads/${lead.id}`).set(auth).send({ crmId: 'other' }), 400, 'body.crmId');
      expect((await request(t.app).get(`/v1/leads/${lead.id}`).set(auth)).body).toEqual(lead);
    });

    it('missing, malformed, unknown and revoked keys', async () => {
      const noKey = await request(t.app).get('/v1/leads');
      expect(noKey.status).toBe(401);
      expect(noKey.headers['www-authenticate']).toBe('Bearer');
      expect(noKey.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect((await request(t.app).get('/v1/leads').set('Authorization', 'Basic abc')).status).toBe(401);
      expect((await request(t.app).get('/v1/leads').set('Authorization', 'Bearer sdr_nope')).status).toBe(401);
      const other = await newTenant(t.db.prisma);
      const key = `Bearer ${other.apiKey}`;
      expect((await request(t.app).get('/v1/leads').set('Authorization', key)).status).toBe(200);
      const tampered = key.slice(0, -4) + (key.endsWith('AAAA') ? 'BBBB' : 'AAAA');
      expect((await request(t.app).get('/v1/leads').set('Authorization', tampered)).status).toBe(401);
      await revokeApiKey(t.db.prisma, other.tenantId);
      const revoked = await request(t.app)
        .put('/v1/leads')
        .set('Authorization', key)
        .send({ crmId: 'r', lastName: 'r' });
      expect(revoked.status).toBe(401);
      expect(await t.db.prisma.lead.count({ where: { tenantId: other.tenantId } })).toBe(0);
    });

    it('unknown routes', async () => {
      const res = await request(t.app).get('/v1/nothing-here').set(auth);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    });
  });
});
