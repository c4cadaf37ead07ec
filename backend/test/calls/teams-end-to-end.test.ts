import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import request from 'supertest';
import { createTenant } from '../../src/tenancy/tenants.ts';
import { testApp, type TestApp } from '../support/app.ts';
import { databaseLabel } from '../support/database.ts';
import { until } from '../support/waiting.ts';
import { startTeamsStandIn, type TeamsStandIn } from '../stand-ins/teams/index.ts';
import { trakwell, trakwellCard } from '../assistant/fixtures.ts';

const VTT = [
  'WEBVTT',
  '',
  '00:00:01.000 --> 00:00:04.000',
  '<v Riley Rep>Thanks for joining. How are you tracking the fleet today?</v>',
  '',
  '00:00:04.500 --> 00:00:09.000',
  '<v Pat Prospect>We use Trakwell, and honestly it is too expensive.</v>',
  '',
  '00:00:09.500 --> 00:00:12.000',
  "<v Riley Rep>I'll send you a cost comparison by Friday.</v>",
  '',
].join('\n');

/** A Teams meeting's transcript through the service: registration, subscription, notification, call, summary. */
describe(`a Teams meeting end to end on ${databaseLabel}`, () => {
  let graph: TeamsStandIn;
  let t: TestApp;
  let server: http.Server;
  let auth: { Authorization: string };
  let tenantId: string;

  beforeAll(async () => {
    graph = await startTeamsStandIn();
    // The notification URL must be known before the app: the server listens first, then serves the app.
    const serving: { app?: Express } = {};
    server = http.createServer((req, res) => serving.app?.(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const publicUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    t = await testApp({
      workers: false,
      clock: { now: () => new Date() },
      publicUrl,
      teams: {
        clientId: graph.clientId,
        clientSecret: graph.clientSecret,
        graphBaseUrl: graph.graphUrl,
        loginBaseUrl: graph.loginUrl,
      },
    });
    serving.app = t.app;
    const created = await createTenant(t.db.prisma, { crm: 'hubspot', externalId: '6160', name: 'Acme' });
    tenantId = created.tenantId;
    auth = { Authorization: `Bearer ${created.apiKey}` };
    await t.db.prisma.user.create({ data: { tenantId, id: 'riley', email: 'riley@acme.example', name: 'Riley Rep' } });
    const competitor = await request(t.app).post('/v1/competitors').set(auth).send(trakwell).expect(201);
    await request(t.app).post('/v1/battlecards').set(auth).send(trakwellCard(competitor.body.id)).expect(201);
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await t?.close();
    await graph?.close();
  });

  it('subscribes on registration and turns a published transcript into an ended call with its summary', async () => {
    const registered = await request(t.app)
      .put('/v1/settings/call-platforms')
      .set(auth)
      .send({ entraTenantId: graph.tenantId })
      .expect(200);
    expect(registered.body.teamsSubscription).toMatchObject({ status: 'active', expiresAt: expect.any(String) });
    expect(graph.subscriptions()).toHaveLength(1);
    // The clientState is sealed at rest.
    const stored = await t.db.prisma.teamsSubscription.findFirstOrThrow({ where: { tenantId } });
    expect(stored.clientState).not.toBe(graph.subscriptions()[0]!.clientState);

    const organizer = randomUUID();
    const { transcript } = await graph.publishTranscript({ organizerUserId: organizer, vtt: VTT });
    const call = await until(async () =>
      t.db.prisma.call.findFirst({ where: { tenantId, platform: 'teams', status: 'ended' } }),
    );
    const segments = await t.db.prisma.transcriptSegment.findMany({
      where: { callId: call.id },
      orderBy: { startMs: 'asc' },
    });
    expect(segments.map((s) => [s.speaker, s.text])).toEqual([
      ['rep', 'Thanks for joining. How are you tracking the fleet today?'],
      ['prospect', 'We use Trakwell, and honestly it is too expensive.'],
      ['rep', "I'll send you a cost comparison by Friday."],
    ]);
    expect(call.summary).toMatchObject({ competitorIds: [expect.any(String)] });
    expect(await t.db.prisma.suggestion.count({ where: { callId: call.id } })).toBeGreaterThan(0);

    // The same notification again delivers nothing twice.
    await graph.notifyTranscript(graph.subscriptions()[0]!.id, transcript);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await t.db.prisma.call.count({ where: { tenantId, platform: 'teams' } })).toBe(1);

    const shown = await request(t.app).get('/v1/settings/call-platforms').set(auth).expect(200);
    expect(shown.body.teamsSubscription.status).toBe('active');
    const cleared = await request(t.app)
      .put('/v1/settings/call-platforms')
      .set(auth)
      .send({ entraTenantId: null })
      .expect(200);
    expect(cleared.body.teamsSubscription.status).toBe('none');
    expect(graph.subscriptions()).toEqual([]);
  });

  it('says so when Microsoft refuses the subscription', async () => {
    const other = await createTenant(t.db.prisma, { crm: 'hubspot', externalId: '6161', name: 'Other' });
    const res = await request(t.app)
      .put('/v1/settings/call-platforms')
      .set({ Authorization: `Bearer ${other.apiKey}` })
      .send({ entraTenantId: randomUUID() })
      .expect(200);
    expect(res.body.teamsSubscription).toMatchObject({
      status: 'failed',
      message: expect.stringContaining('Microsoft'),
    });
  });
});
