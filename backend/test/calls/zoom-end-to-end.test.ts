import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { createTenant } from '../../src/tenancy/tenants.ts';
import { testApp, type TestApp } from '../support/app.ts';
import { databaseLabel } from '../support/database.ts';
import { until } from '../support/waiting.ts';
import { startRtmsStandIn, zoomEvents, zoomWebhookSender, type RtmsStandIn } from '../stand-ins/zoom/index.ts';
import { trakwell, trakwellCard } from '../assistant/fixtures.ts';

const zoom = { webhookSecretToken: 'zoom-secret-token', clientId: 'zoom-client', clientSecret: 'zoom-client-secret' };

/** A Zoom meeting's transcript, through the service as it runs: webhook, RTMS, ingest, suggestions, summary. */
describe(`a Zoom meeting end to end on ${databaseLabel}`, () => {
  let rtms: RtmsStandIn;
  let t: TestApp;
  let server: http.Server;
  let auth: { Authorization: string };
  let tenantId: string;

  beforeAll(async () => {
    rtms = await startRtmsStandIn({ clientId: zoom.clientId, clientSecret: zoom.clientSecret });
    t = await testApp({ workers: false, clock: { now: () => new Date() }, zoom });
    const created = await createTenant(t.db.prisma, { crm: 'hubspot', externalId: '5150', name: 'Acme' });
    tenantId = created.tenantId;
    auth = { Authorization: `Bearer ${created.apiKey}` };
    await request(t.app).put('/v1/settings/call-platforms').set(auth).send({ zoomAccountId: 'acme-zoom' }).expect(200);
    const competitor = await request(t.app).post('/v1/competitors').set(auth).send(trakwell).expect(201);
    await request(t.app).post('/v1/battlecards').set(auth).send(trakwellCard(competitor.body.id)).expect(201);
    server = http.createServer(t.app).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await t?.close();
    await rtms?.close();
  });

  it('turns the meeting into a call with its transcript, suggestions and summary', async () => {
    const sender = zoomWebhookSender({
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/zoom`,
      secretToken: zoom.webhookSecretToken,
    });
    const meetingUuid = `${randomUUID().slice(0, 8)}/Rm0Y+e3v0BQ==`;
    const stream = rtms.stream(meetingUuid, randomUUID().replaceAll('-', ''));
    const startedAt = Date.now() - 10_000;
    const started = zoomEvents.rtmsStarted({
      accountId: 'acme-zoom',
      meetingUuid,
      rtmsStreamId: stream.rtmsStreamId,
      serverUrls: stream.serverUrls,
    });
    expect((await sender.send('meeting.rtms_started', started, { eventTs: startedAt })).status).toBe(204);
    await stream.ready();
    stream.say({
      userId: 16778240,
      userName: 'Priya',
      text: 'Honestly Trakwell came in cheaper per vehicle.',
      startTime: startedAt + 2_000,
      endTime: startedAt + 5_000,
      timestamp: startedAt + 5_100,
    });
    const call = await until(async () =>
      t.db.prisma.call.findFirst({ where: { tenantId, platform: 'zoom', externalId: meetingUuid } }),
    );
    await until(async () => (await t.db.prisma.suggestion.count({ where: { callId: call.id } })) > 0);
    const segments = await t.db.prisma.transcriptSegment.findMany({ where: { callId: call.id } });
    expect(segments.map((s) => s.text)).toEqual(['Honestly Trakwell came in cheaper per vehicle.']);

    const stopped = zoomEvents.rtmsStopped({ accountId: 'acme-zoom', meetingUuid, rtmsStreamId: stream.rtmsStreamId });
    expect((await sender.send('meeting.rtms_stopped', stopped)).status).toBe(204);
    const ended = await until(async () => t.db.prisma.call.findFirst({ where: { id: call.id, status: 'ended' } }));
    expect((ended.summary as { competitorIds: string[] }).competitorIds).toHaveLength(1);
  });

  it('ignores a meeting of a Zoom account no workspace registered', async () => {
    const sender = zoomWebhookSender({
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/zoom`,
      secretToken: zoom.webhookSecretToken,
    });
    const stream = rtms.stream('other==', randomUUID().replaceAll('-', ''));
    const started = zoomEvents.rtmsStarted({
      accountId: 'someone-else',
      meetingUuid: 'other==',
      rtmsStreamId: stream.rtmsStreamId,
      serverUrls: stream.serverUrls,
    });
    expect((await sender.send('meeting.rtms_started', started)).status).toBe(404);
    expect(await t.db.prisma.call.count({ where: { externalId: 'other==' } })).toBe(0);
  });
});
