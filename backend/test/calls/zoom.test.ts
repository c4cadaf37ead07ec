import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { TranscriptSegmentUpsert } from '@sdr/shared';
import { problemHandler } from '../../src/api/problems.ts';
import { systemClock } from '../../src/clock.ts';
import type { PlatformAccounts } from '../../src/integrations/calls/call-sink.ts';
import { RtmsClient, type RtmsClientOptions } from '../../src/integrations/calls/zoom/rtms-client.ts';
import { zoomWebhooks } from '../../src/integrations/calls/zoom/webhook.ts';
import { silentLogger } from '../support/app.ts';
import { until } from '../support/waiting.ts';
import {
  startRtmsStandIn,
  zoomEvents,
  zoomWebhookSender,
  type RtmsStandIn,
  type StandInStream,
  type ZoomWebhookSender,
} from '../stand-ins/zoom/index.ts';
import { MemorySink } from './memory-sink.ts';

const SECRET_TOKEN = 'zoom-webhook-secret-token';
const CLIENT_ID = 'zoom-app-client-id';
const CLIENT_SECRET = 'zoom-app-client-secret';
const ACCOUNT = 'zoom-account-a';
const TENANT = 'tenant-a';
const HOST_ZOOM_ID = 'h0stZoomUserId';
const REP_ZOOM_ID = 'r3pZoomUserId';

type Segment = TranscriptSegmentUpsert;

const accounts: PlatformAccounts = {
  tenantFor: async (platform, accountId) => (platform === 'zoom' && accountId === ACCOUNT ? TENANT : null),
};

interface Harness {
  sink: MemorySink;
  rtms: RtmsClient;
  zoom: ZoomWebhookSender;
  close(): Promise<void>;
}

let rtmsServer: RtmsStandIn;
let harness: Harness;

beforeAll(async () => {
  rtmsServer = await startRtmsStandIn({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
});
afterAll(() => rtmsServer.close());
afterEach(() => harness?.close());

async function startHarness(
  options: { secretToken?: string | null; rtms?: Partial<RtmsClientOptions> } = {},
): Promise<Harness> {
  const sink = new MemorySink();
  const rtms = new RtmsClient({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    sink,
    logger: silentLogger,
    reconnectBaseDelayMs: 10,
    reconnectMaxDelayMs: 50,
    isAllowedServerUrl: (url) => url.protocol === 'ws:' && url.hostname === '127.0.0.1',
    speakers: { hostIsRep: true, repUserIds: async (tenantId) => new Set(tenantId === TENANT ? [REP_ZOOM_ID] : []) },
    ...options.rtms,
  });
  const app = express();
  app.use(
    zoomWebhooks({
      secretToken: options.secretToken === null ? undefined : (options.secretToken ?? SECRET_TOKEN),
      sink,
      accounts,
      rtms,
      clock: systemClock,
      logger: silentLogger,
    }),
  );
  // As in the app: JSON parsing comes after, and must not have consumed the webhook's body.
  app.use(express.json());
  app.use(problemHandler(silentLogger));
  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/zoom`;
  harness = {
    sink,
    rtms,
    zoom: zoomWebhookSender({ url, secretToken: SECRET_TOKEN }),
    close: async () => {
      await rtms.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
  return harness;
}

/** A meeting with its stream declared on the RTMS stand-in, and the webhook that announces it. */
function meeting() {
  const meetingUuid = `${randomUUID().slice(0, 8)}/Rm0Y+e3v0BQ==`;
  const stream = rtmsServer.stream(meetingUuid, randomUUID().replaceAll('-', ''));
  const startedAt = Date.now() - 60_000;
  const started = zoomEvents.rtmsStarted({
    accountId: ACCOUNT,
    meetingUuid,
    rtmsStreamId: stream.rtmsStreamId,
    serverUrls: stream.serverUrls,
  });
  return { meetingUuid, stream, startedAt, started };
}

const line = (stream: StandInStream, startedAt: number, n: number, userId = 33556610) =>
  stream.say({
    userId,
    userName: userId === 33556610 ? 'Priya (prospect)' : 'Sam (rep)',
    text: `line ${n}`,
    startTime: startedAt + n * 1_000,
    endTime: startedAt + n * 1_000 + 800,
    timestamp: startedAt + n * 1_000 + 900,
  });

const texts = (segments: Segment[]) => segments.map((s) => s.text);

async function streaming(h: Harness) {
  const m = meeting();
  expect((await h.zoom.send('meeting.rtms_started', m.started, { eventTs: m.startedAt })).status).toBe(204);
  await m.stream.ready();
  const call = h.sink.call(m.meetingUuid)!;
  return { ...m, call };
}

describe('Zoom webhooks', () => {
  it('answers the URL validation challenge with the plain token and its HMAC under the secret token', async () => {
    const h = await startHarness();
    const { valid, delivery } = await h.zoom.validateUrl();
    expect(valid).toBe(true);
    expect(delivery.status).toBe(200);
    expect(h.sink.started).toEqual([]);
  });

  it('does not answer the challenge without a valid signature, which would sign any text for anyone', async () => {
    const h = await startHarness();
    const body = JSON.stringify({ event: 'endpoint.url_validation', payload: { plainToken: 'v0:1:forged' } });
    const delivery = await h.zoom.sendRaw(body, { headers: { 'x-zm-signature': `v0=${'0'.repeat(64)}` } });
    expect(delivery.status).toBe(401);
    expect(delivery.text).not.toContain(createHmac('sha256', SECRET_TOKEN).update('v0:1:forged').digest('hex'));
  });

  it('accepts a correctly signed event it does not act on', async () => {
    const h = await startHarness();
    const delivery = await h.zoom.send('meeting.started', { account_id: ACCOUNT, object: { uuid: 'x' } });
    expect(delivery.status).toBe(204);
    expect(h.sink.started).toEqual([]);
  });

  it.each([
    ['missing signature', { headers: { 'x-zm-signature': undefined } }, 'missing'],
    ['missing timestamp', { headers: { 'x-zm-request-timestamp': undefined } }, 'missing'],
    ['signature by another secret', { headers: { 'x-zm-signature': `v0=${'ab'.repeat(32)}` } }, 'mismatch'],
    ['body changed after signing', { tamper: (raw: string) => raw.replace(ACCOUNT, 'zoom-account-b') }, 'mismatch'],
    ['timestamp older than five minutes', { timestampSec: Math.floor(Date.now() / 1000) - 6 * 60 }, 'stale'],
    ['timestamp from the future', { timestampSec: Math.floor(Date.now() / 1000) + 10 * 60 }, 'future'],
  ])('refuses a webhook with a %s as 401 problem+json and does nothing', async (_name, fault, reason) => {
    const h = await startHarness();
    const m = meeting();
    const delivery = await h.zoom.send('meeting.rtms_started', m.started, fault);
    expect(delivery.status).toBe(401);
    expect(delivery.contentType).toMatch(/^application\/problem\+json/);
    expect(delivery.json()).toMatchObject({
      status: 401,
      errors: [{ field: 'headers.x-zm-signature', message: reason }],
    });
    expect(h.sink.started).toEqual([]);
    expect(h.rtms.running()).toEqual([]);
  });

  it('refuses a stale signature even when the rest is right, but takes a timestamp in milliseconds', async () => {
    const h = await startHarness();
    const m = meeting();
    const ms = await h.zoom.send('meeting.started', { account_id: ACCOUNT }, { timestampSec: Date.now() });
    expect(ms.status).toBe(204);
    const stale = await h.zoom.send('meeting.rtms_started', m.started, {
      timestampSec: Date.now() - 5 * 60_000 - 5_000,
    });
    expect(stale.status).toBe(401);
  });

  it('answers 400 to a signed body that is not JSON or not an event', async () => {
    const h = await startHarness();
    const notJson = await h.zoom.sendRaw('{"event":');
    expect(notJson.status).toBe(400);
    expect(notJson.contentType).toMatch(/^application\/problem\+json/);
    const noPayload = await h.zoom.sendRaw(JSON.stringify({ event: 'meeting.rtms_started' }));
    expect(noPayload.status).toBe(400);
    expect(noPayload.json()).toMatchObject({ errors: [{ field: 'body.payload' }] });
  });

  it('answers 400 to an RTMS event missing what the stream needs, naming the field', async () => {
    const h = await startHarness();
    const { rtms_stream_id: _dropped, ...payload } = meeting().started;
    const delivery = await h.zoom.send('meeting.rtms_started', payload);
    expect(delivery.status).toBe(400);
    expect(delivery.json()).toMatchObject({ errors: [{ field: 'body.payload.rtms_stream_id' }] });
    expect(h.sink.started).toEqual([]);
  });

  it('answers 404 for a Zoom account that belongs to no workspace', async () => {
    const h = await startHarness();
    const m = meeting();
    const delivery = await h.zoom.send('meeting.rtms_started', { ...m.started, account_id: 'someone-else' });
    expect(delivery.status).toBe(404);
    expect(delivery.json()).toMatchObject({ status: 404, detail: 'No workspace for Zoom account someone-else' });
    expect(h.sink.started).toEqual([]);
    expect(m.stream.handshakes).toEqual([]);
  });

  it('answers 503 when no secret token is configured', async () => {
    const h = await startHarness({ secretToken: null });
    expect((await h.zoom.validateUrl()).delivery.status).toBe(503);
  });

  it('reads the RTMS fields under payload.object too', async () => {
    const h = await startHarness();
    const m = meeting();
    const { account_id: accountId, ...object } = m.started;
    expect((await h.zoom.send('meeting.rtms_started', { account_id: accountId, object })).status).toBe(204);
    await m.stream.ready();
    expect(h.sink.call(m.meetingUuid)).toBeDefined();
  });
});

describe('Zoom RTMS transcripts', () => {
  it('starts the call, handshakes with a correct signature, delivers lines in order as final segments', async () => {
    const h = await startHarness();
    const m = meeting();
    expect((await h.zoom.send('meeting.rtms_started', m.started, { eventTs: m.startedAt })).status).toBe(204);
    await m.stream.ready();

    const call = h.sink.call(m.meetingUuid)!;
    expect(call).toMatchObject({ tenantId: TENANT, startedAt: new Date(m.startedAt).toISOString(), status: 'live' });
    const expected = createHmac('sha256', CLIENT_SECRET)
      .update(`${CLIENT_ID},${m.meetingUuid},${m.stream.rtmsStreamId}`)
      .digest('hex');
    expect(m.stream.handshakes.map((s) => [s.channel, s.statusCode, s.message.signature])).toEqual([
      ['signaling', 0, expected],
      ['media', 0, expected],
    ]);
    expect(m.stream.handshakes[1]!.message).toMatchObject({ msg_type: 3, media_type: 8, meeting_uuid: m.meetingUuid });

    for (let n = 1; n <= 4; n += 1) line(m.stream, m.startedAt, n);
    await until(async () => call.segments.size === 4, 10_000);
    const segments = h.sink.delivered(call.callId);
    expect(texts(segments)).toEqual(['line 1', 'line 2', 'line 3', 'line 4']);
    expect(segments[0]).toEqual({
      segmentId: expect.stringMatching(/^zoom-/),
      speaker: 'prospect',
      text: 'line 1',
      startMs: 1_000,
      endMs: 1_800,
      final: true,
    });
  });

  it('delivers a line Zoom sends again only once', async () => {
    const h = await startHarness();
    const { stream, startedAt, call } = await streaming(h);
    const first = line(stream, startedAt, 1);
    stream.say(first);
    line(stream, startedAt, 2);
    await until(async () => call.segments.size === 2, 10_000);
    expect(stream.sent.map((l) => l.text)).toEqual(['line 1', 'line 1', 'line 2']);
    expect(texts(h.sink.delivered(call.callId))).toEqual(['line 1', 'line 2']);
  });

  it('batches the lines that arrive together into one delivery', async () => {
    const h = await startHarness({ rtms: { batchWindowMs: 1_000 } });
    const { stream, startedAt, call } = await streaming(h);
    for (let n = 1; n <= 3; n += 1) line(stream, startedAt, n);
    await until(async () => call.segments.size === 3, 10_000);
    expect(h.sink.deliveries.map((d) => d.segments.length)).toEqual([3]);
  });

  it('answers keep-alive requests on both connections with the request timestamp', async () => {
    const h = await startHarness();
    const { stream } = await streaming(h);
    await expect(stream.keepAlive('signaling')).resolves.toMatchObject({ msg_type: 13 });
    await expect(stream.keepAlive('media')).resolves.toMatchObject({ msg_type: 13 });
  });

  it('reconnects a dropped media connection without losing or repeating a line', async () => {
    const h = await startHarness();
    const { stream, startedAt, call } = await streaming(h);
    for (let n = 1; n <= 3; n += 1) line(stream, startedAt, n);
    await until(async () => call.segments.size === 3, 10_000);

    // Zoom resends what it buffered around the interruption, and keeps what is said meanwhile.
    stream.dropMedia({ redeliver: 2 });
    line(stream, startedAt, 4);
    line(stream, startedAt, 5);
    await stream.ready(2);
    await until(async () => call.segments.size === 5, 10_000);

    expect(texts(h.sink.delivered(call.callId))).toEqual(['line 1', 'line 2', 'line 3', 'line 4', 'line 5']);
    expect(stream.sent.map((l) => l.text)).toEqual([
      'line 1',
      'line 2',
      'line 3',
      'line 2',
      'line 3',
      'line 4',
      'line 5',
    ]);
    expect(stream.handshakes.map((s) => `${s.channel}:${s.statusCode}`)).toEqual(['signaling:0', 'media:0', 'media:0']);
  });

  it('makes both connections again when the signaling connection drops', async () => {
    const h = await startHarness();
    const { stream, startedAt, call } = await streaming(h);
    line(stream, startedAt, 1);
    await until(async () => call.segments.size === 1, 10_000);
    stream.dropSignaling();
    line(stream, startedAt, 2);
    await stream.ready(2);
    await until(async () => call.segments.size === 2, 10_000);
    expect(texts(h.sink.delivered(call.callId))).toEqual(['line 1', 'line 2']);
    expect(stream.handshakes.every((s) => s.statusCode === 0)).toBe(true);
    expect(stream.handshakes.map((s) => s.channel)).toEqual(['signaling', 'media', 'signaling', 'media']);
  });

  it('ends the call on meeting.rtms_stopped once every line received has been delivered', async () => {
    const h = await startHarness({ rtms: { batchWindowMs: 60_000 } });
    const { stream, startedAt, call, meetingUuid } = await streaming(h);
    line(stream, startedAt, 1);
    line(stream, startedAt, 2);
    // The lines wait in the batch window; the stop must flush them before the call ends. The keep-alive answer
    // comes after the lines on the same connection, so the client has read them.
    await stream.keepAlive('media');
    const stopped = zoomEvents.rtmsStopped({ accountId: ACCOUNT, meetingUuid, rtmsStreamId: stream.rtmsStreamId });
    expect((await h.zoom.send('meeting.rtms_stopped', stopped)).status).toBe(204);
    await until(async () => h.sink.ended.length === 1, 10_000);

    expect(h.sink.ended).toEqual([{ callId: call.callId, endedAt: expect.any(String), segmentsAtEnd: 2 }]);
    expect(call.status).toBe('ended');
    expect(h.rtms.running()).toEqual([]);
    await until(async () => stream.openConnections().signaling + stream.openConnections().media === 0, 10_000);
  });

  it('ends the call on meeting.ended and closes the stream', async () => {
    const h = await startHarness();
    const { stream, call, meetingUuid } = await streaming(h);
    const ended = zoomEvents.meetingEnded({ accountId: ACCOUNT, meetingUuid, endTime: '2026-11-24T14:30:00Z' });
    expect((await h.zoom.send('meeting.ended', ended)).status).toBe(204);
    await until(async () => h.sink.ended.length === 1, 10_000);
    expect(h.sink.ended[0]).toMatchObject({ callId: call.callId, endedAt: '2026-11-24T14:30:00Z' });
    expect(h.rtms.running()).toEqual([]);
    await until(async () => stream.openConnections().signaling === 0, 10_000);
  });

  it('ignores meeting.ended for a meeting it never streamed, creating no call', async () => {
    const h = await startHarness();
    const ended = zoomEvents.meetingEnded({ accountId: ACCOUNT, meetingUuid: 'never-streamed==' });
    expect((await h.zoom.send('meeting.ended', ended)).status).toBe(204);
    expect(h.sink.started).toEqual([]);
    expect(h.sink.ended).toEqual([]);
  });

  it('opens one consumer when Zoom delivers meeting.rtms_started again, even concurrently', async () => {
    const h = await startHarness();
    const m = meeting();
    const deliveries = await Promise.all([
      h.zoom.send('meeting.rtms_started', m.started, { eventTs: m.startedAt }),
      h.zoom.send('meeting.rtms_started', m.started, { eventTs: m.startedAt }),
    ]);
    expect(deliveries.map((d) => d.status)).toEqual([204, 204]);
    await m.stream.ready();
    // A retry that arrives once the stream flows must leave the working connections alone.
    expect((await h.zoom.send('meeting.rtms_started', m.started, { eventTs: m.startedAt })).status).toBe(204);
    line(m.stream, m.startedAt, 1);
    const call = h.sink.call(m.meetingUuid)!;
    await until(async () => call.segments.size === 1, 10_000);

    expect(h.sink.calls).toHaveLength(1);
    expect(h.rtms.running()).toEqual([m.meetingUuid]);
    expect(m.stream.handshakes.map((s) => `${s.channel}:${s.statusCode}`)).toEqual(['signaling:0', 'media:0']);
    expect(m.stream.openConnections()).toEqual({ signaling: 1, media: 1 });
    expect(texts(h.sink.delivered(call.callId))).toEqual(['line 1']);
  });

  it('does not stream a meeting whose call has already ended', async () => {
    const h = await startHarness();
    const { stream, meetingUuid } = await streaming(h);
    const stopped = zoomEvents.rtmsStopped({ accountId: ACCOUNT, meetingUuid, rtmsStreamId: stream.rtmsStreamId });
    await h.zoom.send('meeting.rtms_stopped', stopped);
    await until(async () => h.sink.ended.length === 1, 10_000);
    const late = meeting();
    const again = zoomEvents.rtmsStarted({
      accountId: ACCOUNT,
      meetingUuid,
      rtmsStreamId: late.stream.rtmsStreamId,
      serverUrls: late.stream.serverUrls,
    });
    expect((await h.zoom.send('meeting.rtms_started', again)).status).toBe(204);
    expect(h.rtms.running()).toEqual([]);
  });

  it('labels the host and the tenant’s reps as the rep, everyone else as the prospect', async () => {
    const h = await startHarness();
    const m = meeting();
    const joined = (participantId: number, zoomUserId: string, userName: string) =>
      h.zoom.send(
        'meeting.participant_joined',
        zoomEvents.participantJoined({
          accountId: ACCOUNT,
          meetingUuid: m.meetingUuid,
          hostId: HOST_ZOOM_ID,
          participantId,
          zoomUserId,
          userName,
        }),
      );
    expect((await joined(16778240, HOST_ZOOM_ID, 'Sam (host)')).status).toBe(204);
    expect((await joined(16779264, REP_ZOOM_ID, 'Alex (rep)')).status).toBe(204);
    expect((await joined(33556610, '', 'Priya (guest)')).status).toBe(204);
    await h.zoom.send('meeting.rtms_started', m.started, { eventTs: m.startedAt });
    await m.stream.ready();
    line(m.stream, m.startedAt, 1, 16778240);
    line(m.stream, m.startedAt, 2, 33556610);
    line(m.stream, m.startedAt, 3, 16779264);
    const call = h.sink.call(m.meetingUuid)!;
    await until(async () => call.segments.size === 3, 10_000);
    expect(h.sink.delivered(call.callId).map((s) => s.speaker)).toEqual(['rep', 'prospect', 'rep']);
  });

  it('stops without reconnecting when Zoom terminates the stream', async () => {
    const h = await startHarness();
    const { stream, meetingUuid } = await streaming(h);
    stream.terminate();
    await until(async () => !h.rtms.running().includes(meetingUuid), 10_000);
    expect(stream.handshakes.map((s) => s.channel)).toEqual(['signaling', 'media']);
  });

  it('gives up at once when Zoom refuses the handshake signature', async () => {
    const h = await startHarness({ rtms: { clientSecret: 'not-the-client-secret' } });
    const m = meeting();
    expect((await h.zoom.send('meeting.rtms_started', m.started)).status).toBe(204);
    await until(async () => h.rtms.running().length === 0, 10_000);
    expect(m.stream.handshakes.map((s) => s.statusCode)).toEqual([3]);
  });

  it('connects only to Zoom hosts over wss by default', async () => {
    const rtms = new RtmsClient({
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      sink: new MemorySink(),
      logger: silentLogger,
    });
    const m = meeting();
    const stream = {
      tenantId: TENANT,
      callId: 'c',
      meetingUuid: m.meetingUuid,
      rtmsStreamId: m.stream.rtmsStreamId,
      startedAtMs: 0,
    };
    expect(rtms.start({ ...stream, serverUrls: m.stream.serverUrls })).toBe('refused');
    expect(rtms.start({ ...stream, serverUrls: 'wss://rtms.zoom.us.attacker.example/signaling' })).toBe('refused');
    expect(rtms.allowed('wss://rtms-sjc1.zoom.us/signaling')).toBe(true);
    await rtms.close();
    expect(m.stream.handshakes).toEqual([]);
  });
});
