import { get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import express from 'express';
import jsforce from 'jsforce';
import { StreamingExtension } from 'jsforce/lib/api/streaming.js';
import { createStreamingStandIn, type ChangeEventInput, type StreamingStandIn } from './streaming.ts';

const LEADS = '/data/LeadChangeEvent';
const ALL = '/data/ChangeEvents';
const T0 = Date.parse('2026-11-24T09:00:00.000Z');
const HOUR = 60 * 60 * 1000;
const LONG_POLL_MS = 1000;

interface ChangeEvent {
  schema: string;
  payload: { ChangeEventHeader: Record<string, unknown> } & Record<string, unknown>;
  event: { replayId: number };
}

// The parts of faye's client that jsforce's typings leave out.
interface FayeClient {
  subscribe(channel: string, listener: (message: ChangeEvent) => void): FayeSubscription;
  disconnect(): PromiseLike<void> | undefined;
}
interface FayeSubscription extends PromiseLike<void> {
  withChannel(callback: (channel: string, message: ChangeEvent) => void): void;
}

function change(entityName: string, id: string, fields: Record<string, unknown> = {}): ChangeEventInput {
  return {
    entityName,
    changeType: 'UPDATE',
    recordIds: [id],
    changedFields: [...Object.keys(fields), 'LastModifiedDate'],
    commitTimestamp: T0,
    record: { ...fields, LastModifiedDate: '2026-11-24T09:00:00.000Z' },
  };
}
const lead = (id: string, fields?: Record<string, unknown>) => change('Lead', id, fields);

/** Retries an assertion until it holds, so a failure shows what was last seen. */
async function eventually(assertion: () => void, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      assertion();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(10);
    }
  }
}

const replayIds = (events: ChangeEvent[]) => events.map((event) => event.event.replayId);

describe('Salesforce Streaming API stand-in, driven by jsforce', () => {
  let clock: number;
  let standIn: StreamingStandIn;
  let server: Server;
  let base: string;
  let clients: FayeClient[];

  beforeEach(async () => {
    clock = T0;
    clients = [];
    standIn = createStreamingStandIn({
      isValidToken: (token) => token === 'valid',
      now: () => clock,
      longPollMs: LONG_POLL_MS,
    });
    const app = express();
    app.use('/cometd', standIn.router);
    server = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    await Promise.all(clients.map(async (client) => client.disconnect()?.then(undefined, () => undefined)));
    standIn.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  /** A jsforce streaming client subscribed to one channel, the way the Salesforce adapter subscribes. */
  function listen(
    channel: string,
    options: { replayId?: number; token?: string; onAuthFailure?: (message: unknown) => void } = {},
  ) {
    const conn = new jsforce.Connection({ instanceUrl: base, accessToken: options.token ?? 'valid', version: '62.0' });
    const extensions: unknown[] = [];
    if (options.onAuthFailure) extensions.push(new StreamingExtension.AuthFailure(options.onAuthFailure));
    if (options.replayId !== undefined) extensions.push(new StreamingExtension.Replay(channel, options.replayId));
    const client = conn.streaming.createClient(extensions) as unknown as FayeClient;
    clients.push(client);
    const received: ChangeEvent[] = [];
    const channels: string[] = [];
    const subscription = client.subscribe(channel, (message) => received.push(message));
    subscription.withChannel((name) => channels.push(name));
    return { client, subscription, received, channels };
  }

  it('with replay -1 delivers only changes made after subscribing, shaped as Salesforce sends them', async () => {
    standIn.publishChange(lead('00Q000000000001AAA', { Status: 'Open' }));
    const { subscription, received, channels } = listen(LEADS, { replayId: -1 });
    await subscription;
    expect(standIn.clients()).toBe(1);

    const replayId = standIn.publishChange({
      ...lead('00Q000000000001AAA', { Status: 'Working', Title: null }),
      commitTimestamp: T0 + 1000,
      changeOrigin: 'com/salesforce/api/rest/62.0;client=sdr',
    });
    await eventually(() => expect(received).toHaveLength(1));

    expect(channels).toEqual([LEADS]);
    expect(received[0]).toEqual({
      schema: expect.stringMatching(/^[\w-]{22}$/),
      payload: {
        ChangeEventHeader: {
          entityName: 'Lead',
          recordIds: ['00Q000000000001AAA'],
          changeType: 'UPDATE',
          changeOrigin: 'com/salesforce/api/rest/62.0;client=sdr',
          transactionKey: expect.any(String),
          sequenceNumber: 1,
          commitTimestamp: T0 + 1000,
          commitNumber: expect.any(Number),
          commitUser: expect.stringMatching(/^005/),
          changedFields: ['Status', 'Title', 'LastModifiedDate'],
        },
        Status: 'Working',
        Title: null,
        LastModifiedDate: '2026-11-24T09:00:00.000Z',
      },
      event: { replayId },
    });
    expect(standIn.events().map((event) => event.replayId)).toEqual([replayId - 1, replayId]);
  });

  it('with replay -2 delivers every retained change of the channel, then new ones', async () => {
    const retained = [
      standIn.publishChange({
        ...lead('00Q000000000001AAA'),
        changeType: 'CREATE',
        record: { LastName: 'Ng', Email: null },
      }),
      standIn.publishChange(change('Contact', '003000000000001AAA', { Title: 'CTO' })),
      standIn.publishChange({ ...lead('00Q000000000001AAA'), changeType: 'DELETE' }),
    ];
    const { subscription, received } = listen(LEADS, { replayId: -2 });
    await subscription;
    await eventually(() => expect(replayIds(received)).toEqual([retained[0], retained[2]]));
    // CREATE carries only populated fields and DELETE none.
    expect(Object.keys(received[0]!.payload)).toEqual(['ChangeEventHeader', 'LastName']);
    expect(Object.keys(received[1]!.payload)).toEqual(['ChangeEventHeader']);

    const live = standIn.publishChange(lead('00Q000000000002AAA', { Status: 'Open' }));
    await eventually(() => expect(replayIds(received)).toEqual([retained[0], retained[2], live]));
  });

  it('resumes from a stored replay id after a restart with no gap and no duplicate', async () => {
    const first = listen(LEADS, { replayId: -1 });
    await first.subscription;
    const seen = [standIn.publishChange(lead('00Q000000000001AAA')), standIn.publishChange(lead('00Q000000000002AAA'))];
    await eventually(() => expect(replayIds(first.received)).toEqual(seen));
    const stored = first.received.at(-1)!.event.replayId;
    await first.client.disconnect();
    expect(standIn.clients()).toBe(0);

    // Changes made while the adapter is down; replay ids on one channel skip those of other entities.
    const missed = standIn.publishChange(lead('00Q000000000003AAA'));
    standIn.publishChange(change('Contact', '003000000000001AAA'));
    const missedToo = standIn.publishChange(lead('00Q000000000001AAA'));

    const second = listen(LEADS, { replayId: stored });
    await second.subscription;
    await eventually(() => expect(replayIds(second.received)).toEqual([missed, missedToo]));
    const live = standIn.publishChange(lead('00Q000000000004AAA'));
    await eventually(() => expect(replayIds(second.received)).toEqual([missed, missedToo, live]));
    expect(first.received).toHaveLength(2);
  });

  it('rejects a replay id that has left the retention window, and one from the future', async () => {
    const old = standIn.publishChange(lead('00Q000000000001AAA'));
    clock += 73 * HOUR;
    const recent = standIn.publishChange(lead('00Q000000000002AAA'));
    standIn.expire();

    const expired = listen(LEADS, { replayId: old });
    await expect(expired.subscription).rejects.toMatchObject({
      message: `400::The replayId {${old}} you provided was invalid. Please provide a valid ID, -2 to replay all events, or -1 to replay only new events.`,
    });
    const future = listen(LEADS, { replayId: recent + 100 });
    await expect(future.subscription).rejects.toMatchObject({ message: expect.stringContaining(`{${recent + 100}}`) });

    const all = listen(LEADS, { replayId: -2 });
    await all.subscription;
    await eventually(() => expect(replayIds(all.received)).toEqual([recent]));
    expect(standIn.events().map((event) => event.replayId)).toEqual([old, recent]);
  });

  it('rejects unknown channels and a replay map that does not name the channel', async () => {
    const unknown = listen('/data/NoSuchObjectChangeEvent');
    await expect(unknown.subscription).rejects.toMatchObject({
      message: '400::The channel you requested to subscribe to does not exist {/data/NoSuchObjectChangeEvent}',
    });
    const custom = listen('/data/Sequence_Step__ChangeEvent');
    await expect(custom.subscription).resolves.toBeUndefined();

    // jsforce's Replay extension stamps its own channel's map on every subscribe of its client.
    const conn = new jsforce.Connection({ instanceUrl: base, accessToken: 'valid', version: '62.0' });
    const client = conn.streaming.createClient([new StreamingExtension.Replay(LEADS, -1)]) as unknown as FayeClient;
    clients.push(client);
    await expect(client.subscribe(LEADS, () => undefined)).resolves.toBeUndefined();
    await expect(client.subscribe('/data/ContactChangeEvent', () => undefined)).rejects.toMatchObject({
      message: expect.stringContaining(
        `The replayId for channel {/data/ContactChangeEvent} wasn't found using the provided replay ID map {{${LEADS}=-1}}`,
      ),
    });
  });

  it('reports an invalidated session through the AuthFailure extension', async () => {
    const failures: unknown[] = [];
    const { subscription } = listen(LEADS, { replayId: -1, onAuthFailure: (message) => failures.push(message) });
    await subscription;
    expect(standIn.clients()).toBe(1);

    standIn.invalidateSessions();
    await eventually(() => expect(failures).toHaveLength(1));
    expect(failures[0]).toMatchObject({
      channel: '/meta/connect',
      successful: false,
      error: '401::Authentication invalid',
      advice: { reconnect: 'none' },
    });
    expect(standIn.clients()).toBe(0);

    const refused: unknown[] = [];
    listen(LEADS, { replayId: -1, token: 'revoked', onAuthFailure: (message) => refused.push(message) });
    await eventually(() => expect(refused).toHaveLength(1));
    expect(refused[0]).toMatchObject({
      channel: '/meta/handshake',
      successful: false,
      error: '403::Handshake denied',
      ext: { sfdc: { failureReason: '401::Authentication invalid' } },
      advice: { reconnect: 'none' },
    });
  });

  it('delivers the changes of every entity on /data/ChangeEvents', async () => {
    const { subscription, received, channels } = listen(ALL, { replayId: -1 });
    await subscription;
    standIn.publishChange(lead('00Q000000000001AAA', { Status: 'Working' }));
    standIn.publishChange(change('Contact', '003000000000001AAA', { Title: 'CTO' }));
    standIn.publishChange(change('Opportunity', '006000000000001AAA', { StageName: 'Closed Won' }));

    await eventually(() => expect(received).toHaveLength(3));
    expect(received.map((event) => event.payload.ChangeEventHeader.entityName)).toEqual([
      'Lead',
      'Contact',
      'Opportunity',
    ]);
    expect(channels).toEqual([ALL, ALL, ALL]);
  });

  describe('on the wire', () => {
    async function bayeux(messages: object[], headers: Record<string, string> = {}) {
      const response = await fetch(`${base}/cometd/62.0`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: 'OAuth valid', ...headers },
        body: JSON.stringify(messages),
      });
      return {
        status: response.status,
        cookie: response.headers.get('set-cookie'),
        replies: (await response.json()) as Record<string, unknown>[],
      };
    }

    async function handshake() {
      const { replies, cookie } = await bayeux([
        { channel: '/meta/handshake', version: '1.0', supportedConnectionTypes: ['long-polling'], id: '1' },
      ]);
      return { clientId: replies[0]!.clientId as string, cookie: cookie!.split(';')[0]!, reply: replies[0]! };
    }

    it('handshakes, then holds a connect until a change arrives or the long-poll ends', async () => {
      const { clientId, cookie, reply } = await handshake();
      expect(cookie).toMatch(/^BAYEUX_BROWSER=\w+$/);
      expect(reply).toEqual({
        ext: { replay: true, 'payload.format': true },
        minimumVersion: '1.0',
        clientId: expect.stringMatching(/^[0-9a-z]+$/),
        supportedConnectionTypes: ['long-polling'],
        channel: '/meta/handshake',
        id: '1',
        version: '1.0',
        successful: true,
      });

      const connect = (id: string, advice?: object) => ({
        channel: '/meta/connect',
        clientId,
        connectionType: 'long-polling',
        id,
        advice,
      });
      const first = await bayeux(
        [{ channel: '/meta/subscribe', clientId, subscription: LEADS, id: '2' }, connect('3', { timeout: 0 })],
        { Cookie: cookie },
      );
      expect(first.replies).toEqual([
        { clientId, channel: '/meta/subscribe', id: '2', subscription: LEADS, successful: true },
        {
          clientId,
          channel: '/meta/connect',
          id: '3',
          successful: true,
          advice: { interval: 0, timeout: LONG_POLL_MS, reconnect: 'retry' },
        },
      ]);

      let started = Date.now();
      const idle = await bayeux([connect('4')], { Cookie: cookie });
      expect(Date.now() - started).toBeGreaterThanOrEqual(LONG_POLL_MS - 50);
      expect(idle.replies).toEqual([{ clientId, channel: '/meta/connect', id: '4', successful: true }]);

      started = Date.now();
      const woken = bayeux([connect('5')], { Cookie: cookie });
      await sleep(100);
      const replayId = standIn.publishChange(lead('00Q000000000001AAA'));
      const { replies } = await woken;
      expect(Date.now() - started).toBeLessThan(LONG_POLL_MS - 200);
      expect(replies).toEqual([
        { clientId, channel: LEADS, data: expect.objectContaining({ event: { replayId } }) },
        { clientId, channel: '/meta/connect', id: '5', successful: true },
      ]);

      await bayeux([{ channel: '/meta/disconnect', clientId, id: '6' }], { Cookie: cookie });
      expect(standIn.clients()).toBe(0);
    });

    it('answers protocol and authentication errors as Salesforce does', async () => {
      const { clientId } = await handshake();
      const withoutCookie = await bayeux([
        { channel: '/meta/connect', clientId, connectionType: 'long-polling', id: '2' },
      ]);
      expect(withoutCookie.replies[0]).toMatchObject({
        successful: false,
        error: `400::Client ${clientId} has established a session, but no BAYEUX_BROWSER cookie present`,
      });

      const unknown = await bayeux([
        { channel: '/meta/connect', clientId: 'gone', connectionType: 'long-polling', id: '3' },
      ]);
      expect(unknown.replies).toEqual([
        {
          channel: '/meta/connect',
          id: '3',
          successful: false,
          error: '403::Unknown client',
          advice: { interval: 0, reconnect: 'handshake' },
        },
      ]);

      const anonymous = await bayeux([{ channel: '/meta/handshake', version: '1.0', id: '4' }], { Authorization: '' });
      expect(anonymous.replies[0]).toMatchObject({
        successful: false,
        error: '403::Handshake denied',
        ext: { sfdc: { failureReason: '401::Request requires authentication' } },
      });

      const oldVersion = await fetch(`${base}/cometd/36.0`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: 'OAuth valid' },
        body: JSON.stringify([{ channel: '/meta/handshake', id: '5' }]),
      });
      expect(oldVersion.status).toBe(400);
      expect(await oldVersion.json()).toEqual([
        expect.objectContaining({ error: expect.stringContaining("Only API versions '37.0' and later are supported") }),
      ]);

      // faye probes for a WebSocket before it settles on long-polling.
      const websocket = await new Promise<number | undefined>((resolve, reject) => {
        get(`${base}/cometd/62.0`, { headers: { Connection: 'Upgrade', Upgrade: 'websocket' } }, (response) => {
          response.resume();
          resolve(response.statusCode);
        }).on('error', reject);
      });
      expect(websocket).toBe(400);
    });
  });
});
