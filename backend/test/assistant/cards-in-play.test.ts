import request from 'supertest';
import { createTenant } from '../../src/tenancy/tenants.ts';
import { testApp, type TestApp } from '../support/app.ts';
import { databaseLabel } from '../support/database.ts';
import { line, routeline, trakwell, trakwellCard } from './fixtures.ts';

describe(`battlecards in play on a record on ${databaseLabel}`, () => {
  let t: TestApp;
  let auth: { Authorization: string };
  let tenantId: string;
  const ids = { lead: '', trakwell: '', routeline: '', card: '' };
  const inPlay = (query: Record<string, string>) =>
    request(t.app).get('/v1/battlecards/in-play').query(query).set(auth);
  const names = (body: { data: { competitor: { name: string } }[] }) => body.data.map((row) => row.competitor.name);

  beforeAll(async () => {
    t = await testApp({ workers: false });
    const created = await createTenant(t.db.prisma, { crm: 'salesforce', externalId: '00D5g0000099CIP', name: 'Acme' });
    tenantId = created.tenantId;
    auth = { Authorization: `Bearer ${created.apiKey}` };
    ids.trakwell = (await request(t.app).post('/v1/competitors').set(auth).send(trakwell).expect(201)).body.id;
    ids.routeline = (await request(t.app).post('/v1/competitors').set(auth).send(routeline).expect(201)).body.id;
    ids.card = (
      await request(t.app).post('/v1/battlecards').set(auth).send(trakwellCard(ids.trakwell)).expect(201)
    ).body.id;
    await t.db.prisma.company.create({
      data: { tenantId, id: 'co-1', crmId: '0015g00000Acct1AAA', name: 'Northwind' },
    });
    ids.lead = (
      await request(t.app)
        .put('/v1/leads')
        .set(auth)
        .send({ crmId: '00Q5g00000Lead1AAA', lastName: 'Raman-Shah', companyId: 'co-1' })
        .expect(200)
    ).body.data[0].id;
    // The deal lists Routeline (by an alias, in other case) and a rival the workspace does not track.
    await t.db.prisma.opportunity.create({
      data: {
        tenantId,
        id: 'deal-1',
        crmId: '0065g00000Opp1AAA',
        name: 'Northwind fleet',
        stage: 'Discovery',
        leadId: ids.lead,
        companyId: 'co-1',
        competitors: ['route line', 'Somebody Else'],
      },
    });
    const call = (
      await request(t.app).post('/v1/calls').set(auth).send({ platform: 'dialer', leadId: ids.lead }).expect(201)
    ).body;
    await request(t.app)
      .post(`/v1/calls/${call.id}/segments`)
      .set(auth)
      .send({ segments: [line('s1', 'prospect', "We're trialling Trakwell at the moment.", 3)] })
      .expect(200);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists the competitors named on the lead’s calls first, then those its deals list, with their cards', async () => {
    const body = (await inPlay({ leadId: ids.lead }).expect(200)).body;
    expect(names(body)).toEqual(['Trakwell Telematics', 'Routeline']);
    expect(body.data[0]).toMatchObject({
      competitor: { id: ids.trakwell },
      cards: [{ id: ids.card, stale: false }],
      mentions: { calls: 1, deals: [], lastAt: expect.any(String) },
    });
    expect(body.data[1]).toMatchObject({ cards: [], mentions: { calls: 0, deals: ['deal-1'], lastAt: null } });
  });

  it('finds the record by its CRM id, whether lead, deal or account', async () => {
    for (const crmId of ['00Q5g00000Lead1AAA', '0065g00000Opp1AAA', '0015g00000Acct1AAA'])
      expect(names((await inPlay({ crmId }).expect(200)).body)).toEqual(['Trakwell Telematics', 'Routeline']);
    expect(names((await inPlay({ opportunityId: 'deal-1' }).expect(200)).body)).toEqual([
      'Trakwell Telematics',
      'Routeline',
    ]);
  });

  it('refuses an unknown record, and a query naming none or two', async () => {
    await inPlay({ crmId: '00Q000000000000AAA' }).expect(404);
    await inPlay({ leadId: 'nobody' }).expect(404);
    expect((await inPlay({}).expect(400)).body.errors.map((e: { field: string }) => e.field)).toEqual(['query.leadId']);
    await inPlay({ leadId: ids.lead, crmId: '00Q5g00000Lead1AAA' }).expect(400);
  });
});
