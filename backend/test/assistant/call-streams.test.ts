import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import WebSocket from 'ws';
import type { CallEvents, TranscriptSegmentUpsert } from '@sdr/shared';
import { attachCallSockets } from '../../src/api/call-socket.ts';
import { RedisEventBus } from '../../src/fan-out/redis-event-bus.ts';
import { createTenant } from '../../src/tenancy/tenants.ts';
import { silentLogger, testApp, type TestApp } from '../support/app.ts';
import { databaseLabel } from '../support/database.ts';
import { until } from '../support/waiting.ts';
import { trakwell, trakwellCard, line } from './fixtures.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Reads a Server-Sent Events stream into parsed `events` messages until told to stop. */
function openStream(url: string, headers: Record<string, string> = {}) {
  const received: { id: string; data: CallEvents }[] = [];
  let status = 0;
  let buffer = '';
  const req = http.get(url, { headers: { Accept: 'text/event-stream', ...headers } }, (res) => {
    status = res.statusCode ?? 0;
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      buffer += chunk;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const fields = Object.fromEntries(
          block
            .split('\n')
            .filter((l) => l && !l.startsWith(':'))
            .map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trimStart()]),
        );
        if (fields.event === 'events') received.push({ id: fields.id!, data: JSON.parse(fields.data!) as CallEvents });
      }
    });
  });
  req.on('error', () => undefined);
  return { received, status: () => status, close: () => req.destroy() };
}

describe(`call streams on ${databaseLabel}`, () => {
  let t: TestApp;
  let server: http.Server;
  let sockets: { close(): Promise<void> };
  let base: string;
  let auth: { Authorization: string };
  let apiKey: string;
  let leadId: string;

  const startCall = async () =>
    (await request(t.app).post('/v1/calls').set(auth).send({ platform: 'dialer', leadId }).expect(201)).body
      .id as string;
  const send = (callId: string, segments: TranscriptSegmentUpsert[]) =>
    request(t.app).post(`/v1/calls/${callId}/segments`).set(auth).send({ segments }).expect(200);

  beforeAll(async () => {
    t = await testApp({ workers: false, publicUrl: 'https://sdr.example.com' });
    const created = await createTenant(t.db.prisma, { crm: 'salesforce', externalId: '00D0000000000AA', name: 'Acme' });
    apiKey = created.apiKey;
    auth = { Authorization: `Bearer ${apiKey}` };
    leadId = (await request(t.app).put('/v1/leads').set(auth).send({ crmId: '00Q1', lastName: 'Shah' }).expect(200))
      .body.data[0].id;
    const competitor = await request(t.app).post('/v1/competitors').set(auth).send(trakwell).expect(201);
    await request(t.app).post('/v1/battlecards').set(auth).send(trakwellCard(competitor.body.id)).expect(201);
    server = http.createServer(t.app);
    // A small allowance, so a client that stops reading is found out with little data.
    sockets = attachCallSockets(server, {
      prisma: t.db.prisma,
      assistant: t.assistant,
      logger: silentLogger,
      maxBufferedBytes: 64 * 1024,
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await sockets?.close();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await t?.close();
  });

  it('streams a call as Server-Sent Events with a call token, and resumes from the last event id', async () => {
    const callId = await startCall();
    await send(callId, [line('a1', 'rep', 'Morning, is now still a good time?', 1)]);
    const token = await request(t.app).post(`/v1/calls/${callId}/token`).set(auth).expect(201);
    expect(token.body.streamUrl).toBe(
      `https://sdr.example.com/v1/calls/${callId}/events?token=${encodeURIComponent(token.body.token)}`,
    );
    const url = `${base}/v1/calls/${callId}/events?token=${encodeURIComponent(token.body.token)}`;
    const stream = openStream(url);
    await until(async () => stream.received.length >= 1, 5_000);
    expect(stream.received[0]!.data.segments.map((s) => s.segmentId)).toEqual(['a1']);
    await send(callId, [line('a2', 'prospect', 'We are on Trakwell and it is cheaper per vehicle.', 6)]);
    await until(async () => stream.received.length >= 2, 5_000);
    const live = stream.received[1]!.data;
    expect(live.segments.map((s) => s.segmentId)).toEqual(['a2']);
    expect(live.suggestions.map((s) => s.kind)).toEqual(expect.arrayContaining(['competitor', 'objection']));
    stream.close();

    // Reconnecting with the last id it saw, the client gets only what came after.
    await send(callId, [line('a3', 'rep', 'What made you look at them?', 12)]);
    const resumed = openStream(`${base}/v1/calls/${callId}/events`, {
      Authorization: `Bearer ${apiKey}`,
      'Last-Event-ID': stream.received[1]!.id,
    });
    await until(async () => resumed.received.length >= 1, 5_000);
    expect(resumed.received.flatMap((e) => e.data.segments.map((s) => s.segmentId))).toEqual(['a3']);
    resumed.close();
  });

  it('refuses a stream without a key, with a bad token, or with the token of another call', async () => {
    const callId = await startCall();
    const other = await startCall();
    const token = (await request(t.app).post(`/v1/calls/${other}/token`).set(auth).expect(201)).body.token as string;
    await request(base).get(`/v1/calls/${callId}/events`).set('Accept', 'text/event-stream').expect(401);
    await request(base)
      .get(`/v1/calls/${callId}/events?token=${encodeURIComponent(token)}`)
      .set('Accept', 'text/event-stream')
      .expect(401);
    await request(base)
      .get(`/v1/calls/${callId}/events?token=forged.token`)
      .set('Accept', 'text/event-stream')
      .expect(401);
    // The token opens no other door: the API still wants the key.
    await request(base)
      .get(`/v1/calls/${other}?token=${encodeURIComponent(token)}`)
      .expect(401);
  });

  it('takes segments over a WebSocket and sends back acks and the suggestions', async () => {
    const callId = await startCall();
    const ws = new WebSocket(`${base.replace('http', 'ws')}/v1/calls/${callId}/stream`, {
      headers: { Authorization: `Bearer ${apiKey}` },
    });
    const messages: { type: string; [key: string]: unknown }[] = [];
    ws.on('message', (data) => messages.push(JSON.parse(data.toString())));
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    ws.send(
      JSON.stringify({
        type: 'segments',
        ref: 'b1',
        segments: [line('w1', 'prospect', "Honestly it's too expensive.", 3)],
      }),
    );
    ws.send(
      JSON.stringify({
        type: 'segment',
        ref: 'b2',
        segment: line('w1', 'prospect', "Honestly it's too expensive.", 3),
      }),
    );
    ws.send('{not json');
    ws.send(JSON.stringify({ type: 'segments', segments: [{ segmentId: 'w2', speaker: 'nobody' }] }));
    await until(async () => messages.filter((m) => m.type !== 'events').length >= 4, 5_000);
    const acks = messages.filter((m) => m.type === 'ack');
    expect(acks).toEqual([
      { type: 'ack', ref: 'b1', added: 1, replaced: 0, unchanged: 0 },
      { type: 'ack', ref: 'b2', added: 0, replaced: 0, unchanged: 1 },
    ]);
    const errors = messages.filter((m) => m.type === 'error');
    expect(errors).toHaveLength(2);
    expect(errors[1]).toMatchObject({
      status: 400,
      errors: expect.arrayContaining([expect.objectContaining({ field: 'message.segments.0.speaker' })]),
    });
    const events = messages.filter((m) => m.type === 'events') as unknown as CallEvents[];
    expect(events[0]!.suggestions.map((s) => s.kind)).toContain('objection');
    ws.close();
  });

  it('drops a WebSocket client that stops reading, and one that sends invalid UTF-8, and stays responsive', async () => {
    const callId = await startCall();
    const ws = new WebSocket(`${base.replace('http', 'ws')}/v1/calls/${callId}/stream`, {
      headers: { Authorization: `Bearer ${apiKey}` },
    });
    await new Promise((resolve) => ws.once('open', resolve));
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    // The client stops reading; the call goes on and its events pile up for it.
    (ws as unknown as { _socket: { pause(): void } })._socket.pause();
    const long = 'We run a mixed fleet of vans and rigid trucks across three depots in the north. '.repeat(120);
    for (let batch = 0; batch < 12; batch += 1)
      await send(
        callId,
        Array.from({ length: 40 }, (_, i) => line(`slow-${batch}-${i}`, 'rep', long, batch * 40 + i)),
      );
    (ws as unknown as { _socket: { resume(): void } })._socket.resume();
    expect(await closed).toBe(1013);
    // Everything it missed is in the database, for a reconnect from its cursor.
    expect(await t.db.prisma.transcriptSegment.count({ where: { callId } })).toBe(480);
    await request(base).get('/healthz').expect(200);

    const other = new WebSocket(`${base.replace('http', 'ws')}/v1/calls/${callId}/stream`, {
      headers: { Authorization: `Bearer ${apiKey}` },
    });
    await new Promise((resolve) => other.once('open', resolve));
    const invalid = new Promise<number>((resolve) => other.once('close', (code) => resolve(code)));
    other.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false });
    expect(await invalid).toBe(1007);
  });

  it('refuses a WebSocket for an unknown call or without a key', async () => {
    const status = (url: string, headers: Record<string, string> = {}) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(url, { headers });
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('open', () => {
          ws.close();
          resolve(101);
        });
        ws.on('error', () => undefined);
      });
    const ws = base.replace('http', 'ws');
    expect(await status(`${ws}/v1/calls/nope/stream`, { Authorization: `Bearer ${apiKey}` })).toBe(404);
    expect(await status(`${ws}/v1/calls/${await startCall()}/stream`)).toBe(401);
  });

  it('carries events between replicas through Redis', async () => {
    const busA = new RedisEventBus(REDIS_URL);
    const busB = new RedisEventBus(REDIS_URL);
    await Promise.all([busA.ready(), busB.ready()]);
    // Two replicas of the service on one database, each with its own Redis connection.
    const { testAssistant } = await import('../support/app.ts');
    const replicaA = testAssistant({ prisma: t.db.prisma, clock: { now: () => new Date() } }, { bus: busA });
    const replicaB = testAssistant({ prisma: t.db.prisma, clock: { now: () => new Date() } }, { bus: busB });
    try {
      const callId = await startCall();
      const tenantId = (await t.db.prisma.call.findFirstOrThrow({ where: { id: callId } })).tenantId;
      const { TenantDb } = await import('../../src/db/tenant-db.ts');
      const tenant = new TenantDb(t.db.prisma, tenantId, 'test');
      const seen: number[] = [];
      const unsubscribe = await replicaB.liveCalls.subscribe(tenantId, callId, (update) => seen.push(update.seq));
      const waiting = replicaB.liveCalls.waitForEvents(tenant, callId, 0, 5_000, new AbortController().signal);
      await replicaA.liveCalls.ingest(tenant, callId, [line('r1', 'prospect', 'We use Trakwell today.', 1)]);
      const page = await waiting;
      expect(page.segments.map((s) => s.segmentId)).toEqual(['r1']);
      await until(async () => seen.length >= 1, 5_000);
      await unsubscribe();
    } finally {
      replicaA.close();
      replicaB.close();
      await busA.close();
      await busB.close();
    }
  });
});
