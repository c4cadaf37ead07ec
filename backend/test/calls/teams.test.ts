import express from 'express';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { TranscriptSegmentUpsert } from '@sdr/shared';
import type { PlatformAccounts } from '../../src/integrations/calls/call-sink.ts';
import {
  GraphClient,
  GraphError,
  GraphThrottledError,
  GraphUnavailableError,
  MAX_TRANSCRIPT_SUBSCRIPTION_MINUTES,
  transcriptSubscriptionExpiry,
} from '../../src/integrations/calls/teams/graph-client.ts';
import {
  parseTranscriptResource,
  sameSecret,
  teamsNotifications,
  type TeamsNotificationsRouter,
} from '../../src/integrations/calls/teams/notifications.ts';
import {
  createTranscriptSubscription,
  organizerFromMeetingId,
  renewDueSubscriptions,
  transcriptResource,
  transcriptResourceKind,
  type SubscriptionStore,
  type TeamsSubscriptionRecord,
} from '../../src/integrations/calls/teams/subscriptions.ts';
import { parseTimestamp, parseVtt, vttToSegments, VttFormatError } from '../../src/integrations/calls/teams/vtt.ts';
import { meetingIdFor, startTeamsStandIn, type TeamsStandIn } from '../stand-ins/teams/index.ts';
import { MemorySink } from './memory-sink.ts';

// ---- in-memory fakes of what the service provides ------------------------------------------------------------------

class MemoryAccounts implements PlatformAccounts {
  readonly links = new Map<string, string>();
  async tenantFor(platform: 'zoom' | 'teams', accountId: string) {
    return platform === 'teams' ? (this.links.get(accountId) ?? null) : null;
  }
}

class MemoryStore implements SubscriptionStore {
  readonly records = new Map<string, TeamsSubscriptionRecord>();
  readonly delivered_ = new Set<string>();

  async get(id: string) {
    const record = this.records.get(id);
    return record ? { ...record } : null;
  }
  async add(record: TeamsSubscriptionRecord) {
    this.records.set(record.subscriptionId, { ...record });
  }
  async renewed(id: string, expirationDateTime: string) {
    const record = this.records.get(id);
    if (record) record.expirationDateTime = expirationDateTime;
  }
  async remove(id: string) {
    this.records.delete(id);
  }
  async expiringBefore(at: string) {
    return [...this.records.values()].filter((r) => Date.parse(r.expirationDateTime) < Date.parse(at));
  }
  async wasDelivered(key: string) {
    return this.delivered_.has(key);
  }
  async delivered(key: string, subscriptionId: string, createdDateTime: string | null) {
    this.delivered_.add(key);
    const record = this.records.get(subscriptionId);
    if (record && createdDateTime && (!record.lastTranscriptAt || createdDateTime > record.lastTranscriptAt))
      record.lastTranscriptAt = createdDateTime;
  }
}

// ---- fixtures -------------------------------------------------------------------------------------------------------

const REP = 'c0ffee00-1111-4222-8333-444455556666';
const OTHER_REP = 'c0ffee00-9999-4222-8333-444455556666';
const WORKSPACE = 'workspace-acme';

const SALES_CALL = [
  'WEBVTT',
  '',
  '3f2a9c1e-7b0d-4e52-9d61-0c8f4f2b9e10/12-0',
  '00:00:01.250 --> 00:00:04.000',
  '<v Riley Rep>Thanks for joining. How are you tracking the fleet today?</v>',
  '',
  '3f2a9c1e-7b0d-4e52-9d61-0c8f4f2b9e10/13-0',
  '00:00:04.500 --> 00:00:09.100',
  '<v Pat Prospect>Mostly spreadsheets, honestly.',
  'We tried Trakwell last year &amp; it was cheaper.</v>',
  '',
  'NOTE speaker change',
  '',
  '3f2a9c1e-7b0d-4e52-9d61-0c8f4f2b9e10/14-0',
  '00:00:10.000 --> 00:00:12.000',
  '<v Riley Rep>Got it.</v>',
  '',
].join('\r\n');

const silent = pino({ level: 'silent' });

describe('Microsoft Teams transcripts', () => {
  let standIn: TeamsStandIn;
  let sink: MemorySink;
  let accounts: MemoryAccounts;
  let store: MemoryStore;
  let graph: GraphClient;
  let sleeps: number[];
  let receiver: TeamsNotificationsRouter;
  let server: Server;
  let appUrl: string;

  beforeEach(async () => {
    standIn = await startTeamsStandIn();
    sink = new MemorySink();
    accounts = new MemoryAccounts();
    accounts.links.set(standIn.tenantId, WORKSPACE);
    store = new MemoryStore();
    sleeps = [];
    graph = new GraphClient({
      clientId: standIn.clientId,
      clientSecret: standIn.clientSecret,
      graphBaseUrl: standIn.graphUrl,
      loginBaseUrl: standIn.loginUrl,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      random: () => 0.5,
    });
    receiver = teamsNotifications({
      sink,
      accounts,
      graph,
      subscriptions: store,
      isRep: (speaker) => speaker === 'Riley Rep',
      logger: silent,
      organizers: async () => [REP, OTHER_REP],
    });
    const app = express();
    app.use(receiver);
    server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    appUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    await receiver.settled();
    await standIn.close();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  });

  const subscribe = (resource: string, expirationDateTime?: string) =>
    createTranscriptSubscription(
      { graph, subscriptions: store },
      {
        entraTenantId: standIn.tenantId,
        resource,
        notificationUrl: `${appUrl}/webhooks/teams`,
        lifecycleNotificationUrl: `${appUrl}/webhooks/teams/lifecycle`,
        ...(expirationDateTime ? { expirationDateTime } : {}),
      },
    );

  const transcriptReads = () =>
    standIn.requests.filter((r) => r.target === 'graph' && r.method === 'GET' && r.path.includes('/transcripts/'));
  const contentReads = () => transcriptReads().filter((r) => r.path.endsWith('/content'));

  describe('the notification endpoint', () => {
    it('answers the validation handshake with the decoded token as text/plain, on both paths', async () => {
      for (const path of ['/webhooks/teams', '/webhooks/teams/lifecycle']) {
        const token = 'Validation: Testing client application reachability for subscription Request-Id: 7f1e';
        const response = await fetch(`${appUrl}${path}?validationToken=${encodeURIComponent(token)}`, {
          method: 'POST',
          headers: { 'content-type': 'text/plain; charset=utf-8' },
        });
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
        expect(response.headers.get('x-content-type-options')).toBe('nosniff');
        expect(await response.text()).toBe(token);
      }
    });

    it('refuses a validation token carrying markup, and a body that is not a notification collection', async () => {
      const script = await fetch(
        `${appUrl}/webhooks/teams?validationToken=${encodeURIComponent('<script>x</script>')}`,
        {
          method: 'POST',
        },
      );
      expect(script.status).toBe(400);
      expect(script.headers.get('content-type')).toMatch(/^application\/problem\+json/);

      const notJson = await fetch(`${appUrl}/webhooks/teams`, { method: 'POST', body: '{oops' });
      expect(notJson.status).toBe(400);
      expect(await notJson.json()).toMatchObject({ status: 400, detail: 'The body is not JSON' });

      const wrongShape = await fetch(`${appUrl}/webhooks/teams`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ items: [] }),
      });
      expect(wrongShape.status).toBe(400);
      expect(await wrongShape.json()).toMatchObject({ errors: [{ field: 'body.value' }] });
    });
  });

  describe('subscriptions', () => {
    it('are created through Graph, which validates both URLs first', async () => {
      const record = await subscribe(transcriptResource.organizer(REP));

      const live = standIn.subscription(record.subscriptionId)!;
      expect(live).toMatchObject({ resource: `users/${REP}/onlineMeetings/getAllTranscripts`, changeType: 'created' });
      expect(live.clientState).toBe(record.clientState);
      expect(record.clientState.length).toBeLessThanOrEqual(128);
      expect(record).toMatchObject({ entraTenantId: standIn.tenantId, organizerUserId: REP, lastTranscriptAt: null });
      const validations = standIn.deliveries.filter((d) => d.kind === 'validation');
      expect(validations.map((d) => [new URL(d.url).pathname, d.status])).toEqual([
        ['/webhooks/teams', 200],
        ['/webhooks/teams/lifecycle', 200],
      ]);
      const minutes = (Date.parse(record.expirationDateTime) - Date.now()) / 60_000;
      expect(minutes).toBeGreaterThan(60);
      expect(minutes).toBeLessThanOrEqual(MAX_TRANSCRIPT_SUBSCRIPTION_MINUTES);
    });

    it('are not created (nor stored) when the URL does not validate', async () => {
      const attempt = createTranscriptSubscription(
        { graph, subscriptions: store },
        {
          entraTenantId: standIn.tenantId,
          resource: transcriptResource.tenant(),
          notificationUrl: `${appUrl}/not-here`,
          lifecycleNotificationUrl: `${appUrl}/webhooks/teams/lifecycle`,
        },
      );
      await expect(attempt).rejects.toMatchObject({ status: 400, code: 'ValidationError' });
      await expect(attempt).rejects.toBeInstanceOf(GraphError);
      expect(store.records.size).toBe(0);
      expect(standIn.subscriptions()).toEqual([]);
    });

    it('are renewed by a sweep before they expire', async () => {
      const record = await subscribe(transcriptResource.organizer(REP), transcriptSubscriptionExpiry(Date.now(), 120));
      const summary = await renewDueSubscriptions({ graph, subscriptions: store });
      expect(summary).toEqual({ renewed: 1, recreated: 0, failed: [] });
      expect(Date.parse(store.records.get(record.subscriptionId)!.expirationDateTime)).toBeGreaterThan(
        Date.parse(record.expirationDateTime),
      );
    });
  });

  describe('transcript notifications', () => {
    it('fetch the VTT and deliver it as one finished call, segments in order with the right speakers', async () => {
      await subscribe(transcriptResource.organizer(REP));
      const { transcript, deliveries } = await standIn.publishTranscript({
        organizerUserId: REP,
        vtt: SALES_CALL,
        createdDateTime: new Date(Date.now() + 1_000),
        endDateTime: new Date(Date.now() + 1_000 + 12_500),
      });
      expect(deliveries.map((d) => d.status)).toEqual([202]);
      await receiver.settled();

      expect(sink.calls).toHaveLength(1);
      const call = sink.calls[0]!;
      expect(call).toMatchObject({
        tenantId: WORKSPACE,
        platform: 'teams',
        externalId: transcript.meetingId,
        startedAt: transcript.createdDateTime.toISOString(),
        status: 'ended',
        endedAt: transcript.endDateTime.toISOString(),
      });
      expect(
        [...call.segments.values()].map(({ speaker, text, startMs, endMs, final }) => ({
          speaker,
          text,
          startMs,
          endMs,
          final,
        })),
      ).toEqual([
        {
          speaker: 'rep',
          text: 'Thanks for joining. How are you tracking the fleet today?',
          startMs: 1_250,
          endMs: 4_000,
          final: true,
        },
        {
          speaker: 'prospect',
          text: 'Mostly spreadsheets, honestly. We tried Trakwell last year & it was cheaper.',
          startMs: 4_500,
          endMs: 9_100,
          final: true,
        },
        { speaker: 'rep', text: 'Got it.', startMs: 10_000, endMs: 12_000, final: true },
      ]);
      expect(sink.log).toEqual([`start ${transcript.meetingId}`, 'segments 3', 'end']);
      expect(receiver.stats).toMatchObject({ received: 1, delivered: 1, duplicates: 0, failed: 0 });

      const [content] = contentReads();
      expect(content!.query).toMatchObject({ $format: 'text/vtt' });
      expect(content!.accept).toBe('text/vtt');
      expect(store.records.values().next().value!.lastTranscriptAt).toMatch(/^\d{4}-/);
    });

    it('work with a tenant-wide subscription, reading the organizer from the meeting id', async () => {
      await subscribe(transcriptResource.tenant());
      const { transcript } = await standIn.publishTranscript({ organizerUserId: OTHER_REP, vtt: SALES_CALL });
      await receiver.settled();
      expect(sink.calls.map((c) => c.externalId)).toEqual([transcript.meetingId]);
      expect(transcriptReads()[0]!.path).toContain(`/users/${OTHER_REP}/onlineMeetings/`);
    });

    it('with the wrong clientState are ignored and counted, and nothing is fetched or delivered', async () => {
      const record = await subscribe(transcriptResource.organizer(REP));
      const transcript = standIn.addTranscript({ organizerUserId: REP, vtt: SALES_CALL });

      const forged = await standIn.notifyTranscript(record.subscriptionId, transcript, { clientState: 'guessed' });
      const missing = await standIn.notifyTranscript(record.subscriptionId, transcript, { clientState: null });
      expect([forged.status, missing.status]).toEqual([202, 202]);
      await receiver.settled();

      expect(receiver.stats).toMatchObject({ received: 2, clientStateMismatch: 2, delivered: 0 });
      expect(sink.calls).toEqual([]);
      expect(transcriptReads()).toEqual([]);
    });

    it('for a subscription we do not hold, or from another tenant, are ignored', async () => {
      const record = await subscribe(transcriptResource.organizer(REP));
      const transcript = standIn.addTranscript({ organizerUserId: REP, vtt: SALES_CALL });
      const item = {
        subscriptionId: randomUUID(),
        changeType: 'created',
        clientState: record.clientState,
        tenantId: standIn.tenantId,
        resource: `communications/onlineMeetings('${transcript.meetingId}')/transcripts('${transcript.id}')`,
      };
      await standIn.post(`${appUrl}/webhooks/teams`, { value: [item] });
      await standIn.post(`${appUrl}/webhooks/teams`, {
        value: [{ ...item, subscriptionId: record.subscriptionId, tenantId: randomUUID() }, { nonsense: true }],
      });
      await receiver.settled();
      expect(receiver.stats).toMatchObject({
        unknownSubscription: 1,
        tenantMismatch: 1,
        invalidItems: 1,
        delivered: 0,
      });
      expect(sink.calls).toEqual([]);
    });

    it('that arrive twice are fetched and delivered once', async () => {
      const record = await subscribe(transcriptResource.organizer(REP));
      const { transcript } = await standIn.publishTranscript({ organizerUserId: REP, vtt: SALES_CALL });
      // Again later, and twice in one delivery.
      await standIn.notifyTranscript(record.subscriptionId, transcript);
      const sub = standIn.subscription(record.subscriptionId)!;
      const item = {
        subscriptionId: sub.id,
        changeType: 'created',
        clientState: sub.clientState,
        tenantId: sub.tenantId,
        resource: `communications/onlineMeetings('${transcript.meetingId}')/transcripts('${transcript.id}')`,
        resourceData: { id: transcript.id },
      };
      await standIn.post(`${appUrl}/webhooks/teams`, { value: [item, item] });
      await receiver.settled();

      expect(sink.calls).toHaveLength(1);
      expect(sink.log.filter((entry) => entry.startsWith('start'))).toHaveLength(1);
      expect(contentReads()).toHaveLength(1);
      expect(receiver.stats).toMatchObject({ received: 4, delivered: 1, duplicates: 3 });
    });

    it('from an Entra tenant no workspace is linked to are not delivered', async () => {
      accounts.links.clear();
      await subscribe(transcriptResource.organizer(REP));
      await standIn.publishTranscript({ organizerUserId: REP, vtt: SALES_CALL });
      await receiver.settled();
      expect(receiver.stats.unknownAccount).toBe(1);
      expect(sink.calls).toEqual([]);
    });

    it('whose content is not WebVTT fail without delivering', async () => {
      await subscribe(transcriptResource.organizer(REP));
      await standIn.publishTranscript({ organizerUserId: REP, vtt: 'Riley: hello' });
      await receiver.settled();
      expect(receiver.stats).toMatchObject({ failed: 1, delivered: 0 });
      expect(sink.calls).toEqual([]);
    });
  });

  describe('lifecycle notifications', () => {
    it('reauthorizationRequired renews the subscription', async () => {
      const record = await subscribe(transcriptResource.organizer(REP), transcriptSubscriptionExpiry(Date.now(), 90));
      const delivery = await standIn.sendLifecycle(record.subscriptionId, 'reauthorizationRequired');
      expect(delivery.status).toBe(202);
      await receiver.settled();

      const patch = standIn.requests.find((r) => r.method === 'PATCH');
      expect(patch?.path).toBe(`/v1.0/subscriptions/${record.subscriptionId}`);
      expect(patch?.status).toBe(200);
      const renewed = store.records.get(record.subscriptionId)!;
      expect(Date.parse(renewed.expirationDateTime)).toBeGreaterThan(
        Date.parse(record.expirationDateTime) + 60 * 60_000,
      );
      expect(standIn.subscription(record.subscriptionId)!.expirationDateTime.toISOString()).toBe(
        new Date(renewed.expirationDateTime).toISOString(),
      );
      expect(receiver.stats.renewed).toBe(1);
    });

    it('reauthorizationRequired with the wrong clientState changes nothing', async () => {
      const record = await subscribe(transcriptResource.organizer(REP));
      await standIn.sendLifecycle(record.subscriptionId, 'reauthorizationRequired', { clientState: 'nope' });
      await receiver.settled();
      expect(standIn.requests.some((r) => r.method === 'PATCH')).toBe(false);
      expect(receiver.stats).toMatchObject({ clientStateMismatch: 1, renewed: 0 });
    });

    it('subscriptionRemoved creates a new subscription (validated again) and catches up', async () => {
      const record = await subscribe(transcriptResource.organizer(REP));
      const missedMeanwhile = standIn.addTranscript({ organizerUserId: REP, vtt: SALES_CALL });
      await standIn.sendLifecycle(record.subscriptionId, 'subscriptionRemoved');
      await receiver.settled();

      expect(store.records.has(record.subscriptionId)).toBe(false);
      const [replacement] = [...store.records.values()];
      expect(replacement).toMatchObject({ resource: record.resource, organizerUserId: REP });
      expect(replacement!.clientState).not.toBe(record.clientState);
      expect(standIn.subscriptions().map((s) => s.id)).toEqual([replacement!.subscriptionId]);
      expect(standIn.deliveries.filter((d) => d.kind === 'validation')).toHaveLength(4);
      expect(sink.calls.map((c) => c.externalId)).toEqual([missedMeanwhile.meetingId]);
      expect(receiver.stats).toMatchObject({ recreated: 1, catchUps: 1 });
    });

    it('missed lists the transcripts since the last one delivered and delivers only the new ones', async () => {
      const record = await subscribe(transcriptResource.organizer(REP));
      const { transcript: seen } = await standIn.publishTranscript({ organizerUserId: REP, vtt: SALES_CALL });
      await receiver.settled();
      const missed = [
        standIn.addTranscript({ organizerUserId: REP, vtt: SALES_CALL }),
        standIn.addTranscript({ organizerUserId: REP, vtt: SALES_CALL }),
      ];
      standIn.addTranscript({ organizerUserId: OTHER_REP, vtt: SALES_CALL });

      await standIn.sendLifecycle(record.subscriptionId, 'missed');
      await receiver.settled();

      expect(sink.calls.map((c) => c.externalId).sort()).toEqual(
        [seen.meetingId, ...missed.map((t) => t.meetingId)].sort(),
      );
      expect(sink.calls.every((c) => c.status === 'ended' && c.segments.size === 3)).toBe(true);
      expect(contentReads()).toHaveLength(3);
      const listing = standIn.requests.find((r) => r.path.includes('getAllTranscripts('));
      expect(decodeURIComponent(listing!.path)).toContain(`meetingOrganizerUserId='${REP}',startDateTime=`);
      expect(receiver.stats).toMatchObject({ catchUps: 1, delivered: 3, duplicates: 1 });
    });

    it('missed on a tenant-wide subscription lists every organizer it is told about', async () => {
      const record = await subscribe(transcriptResource.tenant());
      standIn.addTranscript({ organizerUserId: REP, vtt: SALES_CALL });
      standIn.addTranscript({ organizerUserId: OTHER_REP, vtt: SALES_CALL });
      await receiver.catchUp(record.subscriptionId);
      expect(sink.calls).toHaveLength(2);
    });
  });

  describe('the Graph client', () => {
    it('waits out 429 as Retry-After says and backs off on 5xx, then succeeds', async () => {
      await subscribe(transcriptResource.organizer(REP));
      standIn.failNext({ status: 429, retryAfterSeconds: 3, path: '/content' });
      standIn.failNext({ status: 503, times: 2, method: 'GET', path: /\/transcripts\/[^/]+$/ });
      await standIn.publishTranscript({ organizerUserId: REP, vtt: SALES_CALL });
      await receiver.settled();

      expect(sink.calls).toHaveLength(1);
      expect(transcriptReads().map((r) => r.status)).toEqual([503, 503, 200, 429, 200]);
      // Backoff doubles from 500 ms (half fixed, half jitter); Retry-After is taken as given.
      expect(sleeps).toEqual([375, 750, 3_000]);
    });

    it('gives up with typed errors: throttled too long, unavailable too often', async () => {
      const client = new GraphClient({
        clientId: standIn.clientId,
        clientSecret: standIn.clientSecret,
        graphBaseUrl: standIn.graphUrl,
        loginBaseUrl: standIn.loginUrl,
        maxRetries: 2,
        sleep: async (ms) => {
          sleeps.push(ms);
        },
      });
      const t = standIn.addTranscript({ organizerUserId: REP, vtt: SALES_CALL });
      const ref = { organizerUserId: REP, meetingId: t.meetingId, transcriptId: t.id };

      standIn.failNext({ status: 429, retryAfterSeconds: 600 });
      const throttled = client.getTranscript(standIn.tenantId, ref);
      await expect(throttled).rejects.toBeInstanceOf(GraphThrottledError);
      await expect(throttled).rejects.toMatchObject({ retryAfterMs: 600_000 });

      standIn.failNext({ status: 500, times: 3 });
      await expect(client.getTranscript(standIn.tenantId, ref)).rejects.toBeInstanceOf(GraphUnavailableError);

      standIn.failNext({ status: 502, times: 2 });
      await expect(client.getTranscript(standIn.tenantId, ref)).resolves.toMatchObject({
        id: t.id,
        meetingId: t.meetingId,
        organizerUserId: REP,
      });

      await expect(client.getTranscript(standIn.tenantId, { ...ref, transcriptId: 'missing' })).rejects.toMatchObject({
        name: 'GraphNotFoundError',
        status: 404,
      });
    });

    it('caches a token per tenant until near its expiry, and fetches a fresh one when Graph refuses it', async () => {
      const t = standIn.addTranscript({ organizerUserId: REP, vtt: SALES_CALL });
      const ref = { organizerUserId: REP, meetingId: t.meetingId, transcriptId: t.id };
      const tokenRequests = () => standIn.requests.filter((r) => r.target === 'login').length;

      await Promise.all([
        graph.getTranscript(standIn.tenantId, ref),
        graph.getTranscriptContent(standIn.tenantId, ref),
      ]);
      await graph.getTranscript(standIn.tenantId, ref);
      expect(tokenRequests()).toBe(1);

      standIn.revokeTokens();
      await expect(graph.getTranscriptContent(standIn.tenantId, ref)).resolves.toBe(SALES_CALL);
      expect(tokenRequests()).toBe(2);
    });

    it('reports refused credentials as GraphAuthError without the secret', async () => {
      const client = new GraphClient({
        clientId: standIn.clientId,
        clientSecret: 'not-the-secret',
        graphBaseUrl: standIn.graphUrl,
        loginBaseUrl: standIn.loginUrl,
      });
      const failure = client.accessToken(standIn.tenantId);
      await expect(failure).rejects.toMatchObject({ name: 'GraphAuthError', status: 401, code: 'invalid_client' });
      await expect(failure).rejects.toThrow(/AADSTS7000215/);
      await expect(failure).rejects.not.toThrow(/not-the-secret/);
    });

    it('follows nextLink pages on the Graph host only', async () => {
      const first = standIn.addTranscript({ organizerUserId: REP, vtt: SALES_CALL });
      for (let i = 0; i < 11; i++)
        standIn.addTranscript({ organizerUserId: REP, meetingId: first.meetingId, vtt: SALES_CALL });
      const all = await graph.listMeetingTranscripts(standIn.tenantId, {
        organizerUserId: REP,
        meetingId: first.meetingId,
      });
      expect(all).toHaveLength(12);
      expect(standIn.requests.filter((r) => r.path.endsWith('/transcripts'))).toHaveLength(2);
    });
  });
});

// ---- WebVTT ------------------------------------------------------------------------------------------------------

describe('WebVTT transcripts', () => {
  const isRep = (voice: string) => voice === 'Riley Rep';
  const segmentsOf = (vtt: string, namespace?: string) =>
    vttToSegments(vtt, { isRep, ...(namespace ? { namespace } : {}) });

  it('reads Graph’s documented sample, single-digit timestamps included', () => {
    const { segments, skipped } = segmentsOf(
      'WEBVTT\n\n0:0:0.0 --> 0:0:5.320\n<v User Name>This is a transcript test.</v>\n',
    );
    expect(skipped).toBe(0);
    expect(segments).toEqual([
      expect.objectContaining({
        speaker: 'prospect',
        text: 'This is a transcript test.',
        startMs: 0,
        endMs: 5_320,
        final: true,
      }),
    ]);
  });

  it('reads timestamps with and without hours, and refuses impossible ones', () => {
    expect(parseTimestamp('01:02:03.004')).toBe(3_723_004);
    expect(parseTimestamp('123:00:00.000')).toBe(442_800_000);
    expect(parseTimestamp('02:03.5')).toBe(123_500);
    expect(parseTimestamp('0:0:5.32')).toBe(5_320);
    expect(parseTimestamp('-0:0:1.5')).toBe(-1_500);
    for (const bad of ['00:60.000', '00:00:61.000', '1.5', '00:00:00,000', '00:00.0000', 'abc', ''])
      expect(parseTimestamp(bad)).toBeNull();
  });

  it('copes with a byte-order mark, CRLF and lone CR line ends, header text, notes, styles and regions', () => {
    const vtt =
      '\uFEFFWEBVTT - Teams transcript\r\nKind: captions\r\n\r\n' +
      'STYLE\r\n::cue { color: red }\r\n\r\n' +
      'REGION\rid:fred\r\rNOTE a note\r\nthat spans lines\r\n\r\n' +
      '1\r\n00:00:01.000 --> 00:00:02.000 align:start\r\n<v Riley Rep>Hello</v>\r\n';
    const parsed = parseVtt(vtt);
    expect(parsed.skipped).toBe(0);
    expect(parsed.cues).toEqual([
      { id: '1', startMs: 1_000, endMs: 2_000, parts: [{ voice: 'Riley Rep', text: 'Hello' }], line: 14 },
    ]);
  });

  it('joins multi-line cues, decodes references and drops presentation markup', () => {
    const { segments } = segmentsOf(
      'WEBVTT\n\n00:00.000 --> 00:03.000\n<v.loud Riley Rep><b>Fleet</b> <i>size</i>&nbsp;is\n<c.yellow>42</c> &lt;vans&gt; &#x1F69A; <00:00:01.000>today\n',
    );
    expect(segments).toEqual([expect.objectContaining({ speaker: 'rep', text: 'Fleet size is 42 <vans> 🚚 today' })]);
  });

  it('gives each speaker of a shared cue a segment, and keeps text outside any voice as the prospect’s', () => {
    const { segments } = segmentsOf(
      'WEBVTT\n\nc7\n00:00:01.000 --> 00:00:03.000\n<v Riley Rep>Right?</v> <v Pat Prospect>Right.</v>\n\n00:00:04.000 --> 00:00:05.000\nno voice here\n',
    );
    expect(segments.map((s) => [s.segmentId, s.speaker, s.text])).toEqual([
      ['c7#1', 'rep', 'Right?'],
      ['c7#2', 'prospect', 'Right.'],
      [expect.stringMatching(/^t[0-9a-f]{20}$/), 'prospect', 'no voice here'],
    ]);
  });

  it('skips and counts bad blocks but keeps the good cues around them, even without blank lines between cues', () => {
    const vtt = [
      'WEBVTT',
      '',
      'a',
      '00:00:01.000 --> 00:00:02.000',
      '<v Riley Rep>one</v>',
      'b',
      '00:00:02.000 --> 00:00:03.000',
      '<v Pat Prospect>two</v>',
      '',
      'garbage without timing',
      'more garbage',
      '',
      'c',
      '00:00:xx.000 --> 00:00:04.000',
      'unreadable time',
      '',
      'd',
      '00:00:05.000 --> 00:00:04.000',
      'ends before it starts',
      '',
      'e',
      '00:00:06.000 --> 00:00:07.000',
      '',
      'f',
      '00:00:08.000 --> 00:00:09.000',
      '<v Pat Prospect>three',
    ].join('\n');
    const result = segmentsOf(vtt);
    // "b" has no blank line before its timing line, so (as the WebVTT parsing rules have it) it is text of cue a,
    // outside any voice, and its timing line starts a cue without an id.
    expect(result.segments.map((s) => [s.segmentId, s.speaker, s.text])).toEqual([
      ['a#1', 'rep', 'one'],
      ['a#2', 'prospect', 'b'],
      [expect.stringMatching(/^t[0-9a-f]{20}$/), 'prospect', 'two'],
      ['f', 'prospect', 'three'],
    ]);
    expect(result.skipped).toBe(4);
    expect(result.issues.map((i) => i.reason)).toEqual([
      'a block that is neither a cue nor a note',
      expect.stringMatching(/^unreadable timing line/),
      'a cue that ends before it starts',
      'a cue without text',
    ]);
  });

  it('refuses content that is not WebVTT at all', () => {
    expect(() => parseVtt('WEBVTTX\n\n')).toThrow(VttFormatError);
    expect(() => parseVtt('1\n00:00:01,000 --> 00:00:02,000\nSubRip\n')).toThrow(VttFormatError);
    expect(() => parseVtt('')).toThrow(VttFormatError);
    expect(parseVtt('WEBVTT').cues).toEqual([]);
  });

  it('makes stable ids: the same file gives the same ids, the namespace keeps transcripts apart', () => {
    const vtt =
      'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Riley Rep>hi</v>\n\n00:00:01.000 --> 00:00:02.000\n<v Pat Prospect>hi</v>\n';
    const once = segmentsOf(vtt).segments.map((s) => s.segmentId);
    expect(segmentsOf(vtt).segments.map((s) => s.segmentId)).toEqual(once);
    expect(new Set(once).size).toBe(2);
    const namespaced = segmentsOf(vtt, 'transcript-1').segments.map((s) => s.segmentId);
    expect(namespaced[0]).toMatch(/^[0-9a-f]{10}:t[0-9a-f]{20}$/);
    expect(segmentsOf(vtt, 'transcript-2').segments[0]!.segmentId).not.toBe(namespaced[0]);
  });

  it('keeps ids unique and within limits when cue ids repeat or run long', () => {
    const long = 'x'.repeat(300);
    const vtt = `WEBVTT\n\n7\n00:00:01.000 --> 00:00:02.000\n<v A>one</v>\n\n7\n00:00:03.000 --> 00:00:04.000\n<v A>two</v>\n\n${long}\n00:00:05.000 --> 00:00:06.000\n<v A>three</v>\n`;
    const ids = segmentsOf(vtt, 'ns').segments.map((s) => s.segmentId);
    expect(new Set(ids).size).toBe(3);
    expect(ids[1]).toMatch(/~2$/);
    for (const id of ids) expect(id.length).toBeLessThanOrEqual(128);
  });

  it('shifts negative offsets so the earliest cue starts at zero, and skips cues past a day', () => {
    const { segments, skipped } = segmentsOf(
      'WEBVTT\n\n-0:0:2.0 --> 0:0:1.0\n<v A>before</v>\n\n0:0:3.0 --> 0:0:4.0\n<v A>after</v>\n\n25:00:00.000 --> 25:00:01.000\n<v A>late</v>\n',
    );
    expect(segments.map((s) => [s.text, s.startMs, s.endMs])).toEqual([
      ['before', 0, 3_000],
      ['after', 5_000, 6_000],
    ]);
    expect(skipped).toBe(1);
  });

  it('produces segments the call API accepts', () => {
    const { segments } = segmentsOf(SALES_CALL, 'MSMjMCMjNzU3ODc2ZDYtOTcwMi00MDhkLWFkNDItOTE2ZDNmZjkwZGY4');
    expect(segments).toHaveLength(3);
    for (const segment of segments) expect(TranscriptSegmentUpsert.safeParse(segment).success).toBe(true);
  });
});

describe('Teams resource strings and secrets', () => {
  it('read the transcript resource forms Graph uses', () => {
    expect(parseTranscriptResource("communications/onlineMeetings('MSo5N2=')/transcripts('MSMj/+=')")).toEqual({
      organizerUserId: null,
      meetingId: 'MSo5N2=',
      transcriptId: 'MSMj/+=',
    });
    expect(parseTranscriptResource("/users('u-1')/onlineMeetings('m''1')/transcripts('t1')")).toEqual({
      organizerUserId: 'u-1',
      meetingId: "m'1",
      transcriptId: 't1',
    });
    expect(parseTranscriptResource('users/u-1/onlineMeetings/m%2F1/transcripts/t1')).toEqual({
      organizerUserId: 'u-1',
      meetingId: 'm/1',
      transcriptId: 't1',
    });
    expect(parseTranscriptResource("communications/onlineMeetings('m')/recordings('r')")).toBeNull();
    expect(parseTranscriptResource('users/u-1/messages/abc')).toBeNull();
  });

  it('tell the three subscription resources apart', () => {
    expect(transcriptResourceKind(transcriptResource.tenant())).toEqual({ kind: 'tenant' });
    expect(transcriptResourceKind(transcriptResource.organizer(REP))).toEqual({ kind: 'organizer', userId: REP });
    expect(transcriptResourceKind(transcriptResource.meeting('MSo5'))).toEqual({ kind: 'meeting', meetingId: 'MSo5' });
    expect(transcriptResourceKind('me/messages')).toBeNull();
  });

  it('find the organizer in a meeting id', () => {
    expect(organizerFromMeetingId(meetingIdFor(REP))).toBe(REP);
    expect(
      organizerFromMeetingId(
        'MSpkYWY2MmNjOC1lZTJkLTQxN2ItODg4NC1iY2Y0MGM0MTI5YzMqMCoqMTk6bWVldGluZ19OVEk0TWpBM09HVXRZek0zWVMwMFlUQm1MVGt5T0dNdE5qTmhaVEpoT1RrME5XUXhAdGhyZWFkLnYy',
      ),
    ).toBe('daf62cc8-ee2d-417b-8884-bcf40c4129c3');
    expect(organizerFromMeetingId('not-a-meeting')).toBeNull();
  });

  it('compare client states whatever their lengths', () => {
    expect(sameSecret('abc', 'abc')).toBe(true);
    expect(sameSecret('abc', 'abcd')).toBe(false);
    expect(sameSecret(undefined, 'abc')).toBe(false);
    expect(sameSecret(null, 'abc')).toBe(false);
  });
});
