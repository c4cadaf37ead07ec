import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import type { TranscriptSegmentUpsert } from '@sdr/shared';
import { createTenant } from '../../src/tenancy/tenants.ts';
import { testApp, type TestApp } from '../support/app.ts';
import { databaseLabel } from '../support/database.ts';
import { trakwell, trakwellCard, line } from './fixtures.ts';

/** A line of the call, at a given second. */
describe(`live calls on ${databaseLabel}`, () => {
  let t: TestApp;
  let auth: { Authorization: string };
  let tenantId: string;
  let leadId: string;
  let cardId: string;

  const start = async (externalId?: string) =>
    (
      await request(t.app)
        .post('/v1/calls')
        .set(auth)
        .send({ platform: 'dialer', leadId, ...(externalId ? { externalId } : {}) })
        .expect((res) => expect([200, 201]).toContain(res.status))
    ).body as { id: string };
  const send = (callId: string, segments: TranscriptSegmentUpsert[]) =>
    request(t.app).post(`/v1/calls/${callId}/segments`).set(auth).send({ segments });

  beforeAll(async () => {
    t = await testApp({ workers: false });
    const created = await createTenant(t.db.prisma, { crm: 'hubspot', externalId: '4242', name: 'Acme' });
    tenantId = created.tenantId;
    auth = { Authorization: `Bearer ${created.apiKey}` };
    const lead = await request(t.app)
      .put('/v1/leads')
      .set(auth)
      .send({ crmId: '101', firstName: 'Priya', lastName: 'Shah', email: 'priya@haulage.example' })
      .expect(200);
    leadId = lead.body.data[0].id;
    const competitor = await request(t.app).post('/v1/competitors').set(auth).send(trakwell).expect(201);
    cardId = (await request(t.app).post('/v1/battlecards').set(auth).send(trakwellCard(competitor.body.id)).expect(201))
      .body.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('starts a call once per platform call, and refuses links to records the tenant does not have', async () => {
    const first = await request(t.app)
      .post('/v1/calls')
      .set(auth)
      .send({ platform: 'zoom', externalId: 'mtg-1', leadId })
      .expect(201);
    const again = await request(t.app)
      .post('/v1/calls')
      .set(auth)
      .send({ platform: 'zoom', externalId: 'mtg-1', leadId })
      .expect(200);
    expect(again.body.id).toBe(first.body.id);
    expect(first.body).toMatchObject({ status: 'live', leadId, platform: 'zoom', summary: null, metrics: null });
    const bad = await request(t.app)
      .post('/v1/calls')
      .set(auth)
      .send({ platform: 'zoom', leadId: 'nobody' })
      .expect(400);
    expect(bad.body.errors).toEqual([{ field: 'body.leadId', message: 'no lead with this id' }]);
  });

  it('stores segments once, replaces interim text with the final, and suggests from the cards', async () => {
    const call = await start();
    const interim = await send(call.id, [line('s1', 'prospect', 'We use Trak', 10, false)]).expect(200);
    expect(interim.body).toMatchObject({ added: 1, replaced: 0, unchanged: 0, suggestions: [] });

    const final = await send(call.id, [
      line('s1', 'prospect', "We're trialling Trakwell and honestly they came in cheaper per vehicle.", 10),
      line('s0', 'rep', 'How are you tracking the fleet at the moment?', 4),
    ]).expect(200);
    expect(final.body).toMatchObject({ added: 1, replaced: 1, unchanged: 0 });
    const kinds = final.body.suggestions.map((s: { kind: string }) => s.kind);
    expect(kinds).toEqual(expect.arrayContaining(['competitor', 'objection']));
    const objection = final.body.suggestions.find((s: { kind: string }) => s.kind === 'objection');
    expect(objection).toMatchObject({
      title: 'Trakwell is cheaper per vehicle',
      source: { battlecardId: cardId, section: 'objection_handlers' },
      segmentId: 's1',
      tailored: null,
    });
    const competitor = final.body.suggestions.find((s: { kind: string }) => s.kind === 'competitor');
    expect(competitor.source).toEqual({ battlecardId: cardId, section: 'why_we_win' });
    expect(competitor.signal).toMatchObject({
      detector: 'competitor_mention',
      match: expect.stringMatching(/Trakwell/i),
    });

    // The same again is ignored; the same objection a moment later is not suggested twice.
    expect(
      (await send(call.id, [line('s0', 'rep', 'How are you tracking the fleet at the moment?', 4)]).expect(200)).body,
    ).toMatchObject({ added: 0, replaced: 0, unchanged: 1, suggestions: [] });
    const repeat = await send(call.id, [line('s2', 'prospect', 'Like I said, Trakwell is cheaper.', 30)]).expect(200);
    expect(repeat.body.suggestions).toEqual([]);

    // A keyword from a card's item brings it up; a commitment becomes a next step.
    const more = await send(call.id, [
      line('s3', 'prospect', 'The tachograph downloads are a weekly chore for us.', 45),
      line('s4', 'rep', "I'll send you a cost comparison by Friday.", 52),
    ]).expect(200);
    expect(more.body.suggestions.map((s: { kind: string; title: string }) => s.kind)).toEqual(
      expect.arrayContaining(['talk_track', 'next_step']),
    );

    const stored = await t.db.prisma.transcriptSegment.findMany({
      where: { tenantId, callId: call.id },
      orderBy: { startMs: 'asc' },
    });
    expect(stored.map((s) => [s.segmentId, s.final])).toEqual([
      ['s0', true],
      ['s1', true],
      ['s2', true],
      ['s3', true],
      ['s4', true],
    ]);
    const got = await request(t.app).get(`/v1/calls/${call.id}`).set(auth).expect(200);
    expect(got.body.metrics).toMatchObject({
      repTalkRatio: expect.any(Number),
      questionsAsked: { rep: 1, prospect: 0 },
    });
    const byPlatform = (platform: string) =>
      request(t.app).get('/v1/calls').query({ platform, limit: 100 }).set(auth).expect(200);
    const listed = (await byPlatform(got.body.platform)).body.data.map((c: { id: string }) => c.id);
    expect(listed).toContain(call.id);
    const other = got.body.platform === 'zoom' ? 'teams' : 'zoom';
    expect((await byPlatform(other)).body.data.map((c: { id: string }) => c.id)).not.toContain(call.id);
  });

  it('refuses bad segments and segments for unknown or ended calls, storing nothing', async () => {
    const call = await start();
    const bad = await send(call.id, [{ ...line('x', 'prospect', 'hello', 5), endMs: 1 }]).expect(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'body.segments.0.endMs' })]);
    const twice = await send(call.id, [line('y', 'rep', 'one', 1), line('y', 'rep', 'two', 2)]).expect(400);
    expect(twice.body.errors).toEqual([expect.objectContaining({ field: 'body.segments.1.segmentId' })]);
    await send(call.id, [{ ...line('z', 'rep', 'x', 1), text: 'x'.repeat(10_001) }]).expect(400);
    // PostgreSQL text cannot hold a NUL character: refused with the field named, not a server error.
    const nul = await send(call.id, [line('n', 'rep', 'before\u0000after', 1)]).expect(400);
    expect(nul.body.errors).toEqual([expect.objectContaining({ field: 'body.segments.0.text' })]);
    // Bytes that are not UTF-8 arrive as replacement characters: stored safely, never a crash.
    const raw = Buffer.concat([
      Buffer.from('{"segments":[{"segmentId":"u","speaker":"rep","text":"caf'),
      Buffer.from([0xe9, 0xff]),
      Buffer.from('","startMs":0,"endMs":10,"final":true}]}'),
    ]);
    const server = http.createServer(t.app).listen(0, '127.0.0.1');
    await once(server, 'listening');
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/calls/${call.id}/segments`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: raw,
    });
    server.close();
    expect(res.status).toBe(200);
    expect(
      (await t.db.prisma.transcriptSegment.findFirstOrThrow({ where: { callId: call.id, segmentId: 'u' } })).text,
    ).toBe('caf\uFFFD\uFFFD');
    await t.db.prisma.transcriptSegment.deleteMany({ where: { callId: call.id } });
    await send('no-such-call', [line('a', 'rep', 'hello', 1)]).expect(404);
    expect(await t.db.prisma.transcriptSegment.count({ where: { tenantId, callId: call.id } })).toBe(0);
    await request(t.app).post(`/v1/calls/${call.id}/end`).set(auth).send({}).expect(200);
    await send(call.id, [line('a', 'rep', 'hello', 1)]).expect(409);
  });

  it('long-polls: answers at once when something is new, waits for the next segment otherwise', async () => {
    const call = await start();
    await send(call.id, [line('p1', 'prospect', 'We already use Trakwell for the vans.', 3)]).expect(200);
    const first = await request(t.app).get(`/v1/calls/${call.id}/events`).set(auth).expect(200);
    expect(first.body.segments.map((s: { segmentId: string }) => s.segmentId)).toEqual(['p1']);
    expect(first.body.suggestions.length).toBeGreaterThan(0);
    const cursor = first.body.cursor as string;

    const started = Date.now();
    const waiting = request(t.app).get(`/v1/calls/${call.id}/events`).query({ cursor, waitSeconds: 5 }).set(auth);
    const pending = waiting.then((res) => res);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await send(call.id, [line('p2', 'rep', 'What do you like about it?', 8)]).expect(200);
    const next = await pending;
    expect(next.status).toBe(200);
    expect(next.body.segments.map((s: { segmentId: string }) => s.segmentId)).toEqual(['p2']);
    expect(Date.now() - started).toBeLessThan(4500);

    const empty = await request(t.app)
      .get(`/v1/calls/${call.id}/events`)
      .query({ cursor: next.body.cursor, waitSeconds: 0 })
      .set(auth)
      .expect(200);
    expect(empty.body).toMatchObject({ segments: [], suggestions: [], cursor: next.body.cursor, callStatus: 'live' });
    const bad = await request(t.app).get(`/v1/calls/${call.id}/events`).query({ cursor: 'nope' }).set(auth).expect(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'query.cursor' })]);
  });

  it('ends with a summary of objections, competitors and next steps', async () => {
    const call = await start();
    await send(call.id, [
      line('e1', 'rep', 'Thanks for taking the call, how do you manage the 140 vans today?', 0),
      line('e2', 'prospect', "We're on Trakwell, and to be honest it's too expensive for what we get.", 6),
      line('e3', 'prospect', 'I need to check with my boss before we change anything.', 14),
      line('e4', 'rep', "Let's book a demo with your operations director next week.", 22),
    ]).expect(200);
    const ended = await request(t.app).post(`/v1/calls/${call.id}/end`).set(auth).send({}).expect(200);
    expect(ended.body.status).toBe('ended');
    expect(ended.body.summary.competitorIds).toHaveLength(1);
    expect(ended.body.summary.objections.length).toBeGreaterThanOrEqual(2);
    expect(ended.body.summary.nextSteps.join(' ')).toMatch(/demo/i);
    expect(ended.body.summary.text).toMatch(/Competitors mentioned: Trakwell Telematics/);
    const events = await request(t.app)
      .get(`/v1/calls/${call.id}/events`)
      .query({ waitSeconds: 0 })
      .set(auth)
      .expect(200);
    expect(events.body).toMatchObject({ callStatus: 'ended', summary: ended.body.summary });
    // Ending twice changes nothing.
    expect((await request(t.app).post(`/v1/calls/${call.id}/end`).set(auth).send({}).expect(200)).body).toEqual(
      ended.body,
    );
  });

  it('registers the Zoom account and Entra tenant whose calls are this workspace’s', async () => {
    const empty = await request(t.app).get('/v1/settings/call-platforms').set(auth).expect(200);
    expect(empty.body).toMatchObject({
      zoomAccountId: null,
      entraTenantId: null,
      zoomWebhookUrl: 'https://sdr.example.com/webhooks/zoom',
    });
    const set = await request(t.app)
      .put('/v1/settings/call-platforms')
      .set(auth)
      .send({ zoomAccountId: 'AbC123-zoom', entraTenantId: '72F988BF-86F1-41AF-91AB-2D7CD011DB47' })
      .expect(200);
    expect(set.body).toMatchObject({
      zoomAccountId: 'AbC123-zoom',
      entraTenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    });
    const bad = await request(t.app)
      .put('/v1/settings/call-platforms')
      .set(auth)
      .send({ entraTenantId: 'contoso' })
      .expect(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'body.entraTenantId' })]);
    const cleared = await request(t.app)
      .put('/v1/settings/call-platforms')
      .set(auth)
      .send({ zoomAccountId: null })
      .expect(200);
    expect(cleared.body).toMatchObject({ zoomAccountId: null, entraTenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47' });
  });
});
