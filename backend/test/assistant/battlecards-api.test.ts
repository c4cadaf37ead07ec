import request from 'supertest';
import { createTenant } from '../../src/tenancy/tenants.ts';
import { testApp, type TestApp } from '../support/app.ts';
import { databaseLabel } from '../support/database.ts';
import { routeline, trakwell, trakwellCard } from './fixtures.ts';

describe(`competitors and battlecards on ${databaseLabel}`, () => {
  let t: TestApp;
  let auth: { Authorization: string };
  let competitorId: string;
  let now = new Date('2026-11-24T09:00:00.000Z');

  beforeAll(async () => {
    t = await testApp({ workers: false, clock: { now: () => now } });
    const created = await createTenant(t.db.prisma, { crm: 'salesforce', externalId: '00D000000000001', name: 'Acme' });
    auth = { Authorization: `Bearer ${created.apiKey}` };
    await t.db.prisma.user.create({
      data: {
        tenantId: created.tenantId,
        id: 'u-ana',
        email: 'ana@acme.example',
        name: 'Ana Admin',
        crmUserId: '005A',
      },
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('keeps competitors, refusing duplicates and bad input with the field named', async () => {
    const created = await request(t.app).post('/v1/competitors').set(auth).send(trakwell).expect(201);
    competitorId = created.body.id;
    expect(created.body).toMatchObject({ name: 'Trakwell Telematics', aliases: ['Trakwell', 'Trak Well', 'TWT'] });
    await request(t.app).post('/v1/competitors').set(auth).send(trakwell).expect(409);
    const bad = await request(t.app)
      .post('/v1/competitors')
      .set(auth)
      .send({ ...routeline, website: 'ftp://routeline' })
      .expect(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'body.website' })]);
    const other = await request(t.app).post('/v1/competitors').set(auth).send(routeline).expect(201);
    const renamed = await request(t.app)
      .patch(`/v1/competitors/${other.body.id}`)
      .set(auth)
      .send({ aliases: ['Route Line', 'RouteLine Dispatch'] })
      .expect(200);
    expect(renamed.body.aliases).toEqual(['Route Line', 'RouteLine Dispatch']);
    const list = await request(t.app).get('/v1/competitors').set(auth).expect(200);
    expect(list.body.data.map((c: { name: string }) => c.name)).toEqual(['Routeline', 'Trakwell Telematics']);
    await request(t.app).delete(`/v1/competitors/${other.body.id}`).set(auth).expect(204);
    await request(t.app).get(`/v1/competitors/${other.body.id}`).set(auth).expect(404);
  });

  it('versions every save of a card with its author, and shows each version as it was', async () => {
    const ana = { ...auth, 'X-SDR-User': '005A' };
    const created = await request(t.app).post('/v1/battlecards').set(ana).send(trakwellCard(competitorId)).expect(201);
    expect(created.body).toMatchObject({
      version: 1,
      author: 'Ana Admin',
      stale: false,
      title: 'FleetPulse vs Trakwell Telematics',
    });
    const id = created.body.id as string;
    const updated = await request(t.app)
      .patch(`/v1/battlecards/${id}`)
      .set(auth)
      .send({ title: 'FleetPulse vs Trakwell (2027 pricing)' })
      .expect(200);
    expect(updated.body).toMatchObject({ version: 2, author: null, title: 'FleetPulse vs Trakwell (2027 pricing)' });
    const versions = await request(t.app).get(`/v1/battlecards/${id}/versions`).set(auth).expect(200);
    expect(versions.body.data.map((v: { version: number; author: string | null }) => [v.version, v.author])).toEqual([
      [2, null],
      [1, 'Ana Admin'],
    ]);
    const first = await request(t.app).get(`/v1/battlecards/${id}/versions/1`).set(auth).expect(200);
    expect(first.body).toMatchObject({ version: 1, title: 'FleetPulse vs Trakwell Telematics', author: 'Ana Admin' });
    await request(t.app).get(`/v1/battlecards/${id}/versions/9`).set(auth).expect(404);
  });

  it('marks a card stale once its review is older than its limit', async () => {
    const [card] = (await request(t.app).get('/v1/battlecards').set(auth).expect(200)).body.data;
    now = new Date(Date.parse(card.reviewedAt) + 91 * 86_400_000);
    const stale = await request(t.app).get('/v1/battlecards?stale=true').set(auth).expect(200);
    expect(stale.body.data.map((c: { id: string; stale: boolean }) => [c.id, c.stale])).toEqual([[card.id, true]]);
    const reviewed = await request(t.app)
      .patch(`/v1/battlecards/${card.id}`)
      .set(auth)
      .send({ reviewedAt: now.toISOString() })
      .expect(200);
    expect(reviewed.body.stale).toBe(false);
    expect((await request(t.app).get('/v1/battlecards?stale=true').set(auth).expect(200)).body.data).toEqual([]);
  });

  it('searches every section and item, close spellings included', async () => {
    const hits = await request(t.app).get('/v1/battlecards/search').query({ q: 'cheaper per vehicle' }).set(auth);
    expect(hits.status).toBe(200);
    expect(hits.body.data[0]).toMatchObject({
      section: 'objection_handlers',
      item: 0,
      label: 'Trakwell is cheaper per vehicle',
    });
    const fuzzy = await request(t.app).get('/v1/battlecards/search').query({ q: 'tachograf' }).set(auth).expect(200);
    expect(fuzzy.body.data[0]).toMatchObject({ section: 'landmines' });
    const none = await request(t.app)
      .get('/v1/battlecards/search')
      .query({ q: 'tachograph', competitorId: 'someone-else' })
      .set(auth)
      .expect(200);
    expect(none.body.data).toEqual([]);
    await request(t.app).get('/v1/battlecards/search').set(auth).expect(400);
  });

  it('drafts a card from pasted notes without an LLM, storing nothing', async () => {
    const before = await t.db.prisma.battlecard.count();
    const notes = [
      '- They charge £22 per vehicle per month, app extra',
      '- Their dashcam is strong and well known',
      "- They don't have built-in tachograph downloads",
      '- "We are locked into a contract" -> offer a 30-day pilot on 10 vans before renewal',
      '- Customer Haulage Co saved 12% on fuel after switching from them',
      'Ask them how long their tacho downloads take each week',
    ].join('\n');
    const drafted = await request(t.app)
      .post('/v1/battlecards/draft')
      .set(auth)
      .send({ competitorId, notes })
      .expect(200);
    expect(drafted.body.source).toBe('template');
    const sections = Object.fromEntries(
      drafted.body.draft.sections.map((s: { key: string; items: unknown[] }) => [s.key, s.items]),
    );
    expect(Object.keys(sections).sort()).toEqual(
      ['landmines', 'objection_handlers', 'pricing', 'proof_points', 'their_strengths', 'their_weaknesses'].sort(),
    );
    expect(sections.objection_handlers).toEqual([
      {
        label: 'We are locked into a contract',
        text: 'offer a 30-day pilot on 10 vans before renewal',
        triggers: ['we are locked into a contract'],
      },
    ]);
    expect(await t.db.prisma.battlecard.count()).toBe(before);
    // The draft saves as it is.
    await request(t.app).post('/v1/battlecards').set(auth).send(drafted.body.draft).expect(201);
  });

  it('refuses an unknown competitor, and a user the workspace does not have', async () => {
    const bad = await request(t.app)
      .post('/v1/battlecards')
      .set(auth)
      .send(trakwellCard('no-such-competitor'))
      .expect(400);
    expect(bad.body.errors).toEqual([{ field: 'body.competitorId', message: 'no competitor with this id' }]);
    const stranger = await request(t.app)
      .get('/v1/battlecards')
      .set({ ...auth, 'X-SDR-User': 'mallory@evil.example' });
    expect(stranger.status).toBe(403);
    expect(stranger.body.errors).toEqual([expect.objectContaining({ field: 'header.x-sdr-user' })]);
  });

  it("credits Salesforce's running user when they are on the roster, and serves anyone else uncredited", async () => {
    const tenant = await t.db.prisma.tenant.findFirstOrThrow({ where: { externalId: '00D000000000001' } });
    await t.db.prisma.user.create({
      data: {
        tenantId: tenant.id,
        id: 'u-sam',
        email: 'sam@acme.example',
        name: 'Sam Seller',
        crmUserId: '005000000000ABC',
      },
    });
    const asSalesforceUser = (id: string) => ({ ...auth, 'X-SDR-Salesforce-User': id });
    const card = (title: string) => ({ ...trakwellCard(competitorId), title });
    // Apex sends 18-character ids; the roster holds the 15-character form here.
    const sam = await request(t.app)
      .post('/v1/battlecards')
      .set(asSalesforceUser('005000000000ABCAAA'))
      .send(card('By Sam'))
      .expect(201);
    expect(sam.body.author).toBe('Sam Seller');
    const admin = await request(t.app)
      .post('/v1/battlecards')
      .set(asSalesforceUser('005000000000XYZAAA'))
      .send(card('By an admin off the roster'))
      .expect(201);
    expect(admin.body.author).toBeNull();
    await request(t.app).get('/v1/battlecards').set(asSalesforceUser('not an id')).expect(200);
  });
});
