/**
 * A local stand-in for Salesforce's Streaming API: CometD (Bayeux 1.0) over HTTP long-polling at
 * `/cometd/<apiVersion>`, serving Change Data Capture channels with durable replay. It answers the way
 * the real endpoint does as far as the documentation and observed traffic go, so that jsforce's faye
 * client, with its Replay and AuthFailure extensions, runs against it unmodified.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import express, { type Request, type Response, type Router } from 'express';

export interface ChangeEventInput {
  entityName: string; // 'Lead' | 'Contact' | 'Opportunity' | ...
  changeType: 'CREATE' | 'UPDATE' | 'DELETE' | 'UNDELETE';
  recordIds: string[];
  changedFields: string[];
  commitTimestamp: number; // ms since epoch
  record: Record<string, unknown>; // the changed field values (for CREATE all non-null fields)
  /** The user who committed the change (default: a fixed integration user id). */
  commitUser?: string;
  /** Which API and client made the change, e.g. 'com/salesforce/api/rest/62.0;client=sdr' (the client part comes from Sforce-Call-Options). */
  changeOrigin?: string;
}

export interface StreamingStandIn {
  /** Express router to mount at '/cometd' (it handles '/cometd/:version'). */
  router: Router;
  /** Publishes a change event on '/data/<Entity>ChangeEvent' and on '/data/ChangeEvents'; returns its replay id. */
  publishChange(change: ChangeEventInput): number;
  /** Events published so far, with their replay ids (for assertions). */
  events(): { channel: string; replayId: number; payload: unknown }[];
  /** Forgets events older than the retention window (default 72 h) relative to now(); replaying from a forgotten id then fails as Salesforce does. */
  expire(): void;
  /** Makes the next connect of every client fail authentication (401::Authentication invalid), as after a session expiry. */
  invalidateSessions(): void;
  /** Number of connected (handshaken, not disconnected) clients. */
  clients(): number;
  close(): void; // ends pending long-polls so the HTTP server can close promptly
}

const HANDSHAKE = '/meta/handshake';
const CONNECT = '/meta/connect';
const SUBSCRIBE = '/meta/subscribe';
const UNSUBSCRIBE = '/meta/unsubscribe';
const DISCONNECT = '/meta/disconnect';
const ALL_CHANGE_EVENTS = '/data/ChangeEvents';
const BROWSER_COOKIE = 'BAYEUX_BROWSER';
const URI_FORMAT = "URI format: '/cometd/62.0'";
const RETENTION_MS = 72 * 60 * 60 * 1000;
const SALESFORCE_LONG_POLL_MS = 110_000;
// After a /meta/connect reply the client must come back within this long or its session is dropped.
const RECONNECT_DEADLINE_MS = 40_000;
const INTEGRATION_USER = '005Dn000003SdrAIAS';
const COMMIT_NUMBER_BASE = 1_082_990_428_000;

// Standard objects that publish change events; custom objects (`X__c` → `/data/X__ChangeEvent`) always do.
const CDC_ENTITIES = [
  'Account',
  'Asset',
  'Campaign',
  'CampaignMember',
  'Case',
  'Contact',
  'Contract',
  'Event',
  'Lead',
  'Opportunity',
  'OpportunityContactRole',
  'OpportunityLineItem',
  'Order',
  'OrderItem',
  'Pricebook2',
  'PricebookEntry',
  'Product2',
  'Quote',
  'Task',
  'User',
];

type Json = Record<string, unknown>;

interface StoredEvent {
  channel: string;
  replayId: number;
  storedAt: number;
  data: { schema: string; payload: Json; event: { replayId: number } };
}

interface Poll {
  res: Response;
  replies: Json[]; // replies to the other messages of the batch, sent with the connect reply
  reply: Json;
  timer: NodeJS.Timeout;
}

interface Session {
  clientId: string;
  subscriptions: Set<string>;
  queue: Json[];
  connects: number;
  authInvalid: boolean;
  lastSeen: number;
  poll?: Poll;
  wake?: NodeJS.Immediate;
}

export function createStreamingStandIn(options: {
  /** Decides whether a bearer token ('Authorization: OAuth <token>' or 'Bearer') is valid now. */
  isValidToken: (token: string) => boolean;
  now?: () => number;
  retentionMs?: number;
  /** How long a /meta/connect long-poll is held when there is nothing to deliver (Salesforce: 110 s; tests want ~ 1-2 s). */
  longPollMs?: number;
}): StreamingStandIn {
  const now = options.now ?? Date.now;
  const retentionMs = options.retentionMs ?? RETENTION_MS;
  const longPollMs = options.longPollMs ?? SALESFORCE_LONG_POLL_MS;
  const channels = new Set([ALL_CHANGE_EVENTS, ...CDC_ENTITIES.map(channelOf)]);
  const sessions = new Map<string, Session>();
  const published: StoredEvent[] = [];
  let retained: StoredEvent[] = [];
  let lastReplayId = 0;
  let closed = false;

  // Session liveness follows the wall clock, not now(): tests fast-forward now() to age events out of
  // retention, and that must not silently drop the clients that are polling meanwhile.
  const elapsed = () => performance.now();

  function sweep(): void {
    for (const session of sessions.values()) {
      if (!session.poll && elapsed() - session.lastSeen > RECONNECT_DEADLINE_MS) sessions.delete(session.clientId);
    }
  }

  function send(res: Response, replies: Json[]): void {
    if (!res.writableEnded) res.json(replies);
  }

  function flush(session: Session, finalReply?: Json): void {
    const poll = session.poll;
    if (!poll) return;
    session.poll = undefined;
    clearTimeout(poll.timer);
    if (session.wake) clearImmediate(session.wake);
    session.wake = undefined;
    session.lastSeen = elapsed();
    const events = finalReply ? [] : session.queue.splice(0);
    send(poll.res, [...poll.replies, ...events, finalReply ?? poll.reply]);
  }

  function deliver(session: Session, message: Json): void {
    session.queue.push(message);
    // Deferred so that changes published together leave in one response.
    if (session.poll && !session.wake) {
      session.wake = setImmediate(() => {
        session.wake = undefined;
        flush(session);
      });
    }
  }

  function eventMessage(session: Session, channel: string, event: StoredEvent): Json {
    return { clientId: session.clientId, channel, data: event.data };
  }

  function handshake(m: Json, token: string | undefined): Json {
    const denied = (failureReason: string) => ({
      ext: { sfdc: { failureReason }, replay: true },
      advice: { reconnect: 'none' },
      channel: HANDSHAKE,
      id: m.id,
      error: '403::Handshake denied',
      successful: false,
    });
    if (!token) return denied('401::Request requires authentication');
    if (!options.isValidToken(token)) return denied('401::Authentication invalid');
    const clientId = newClientId();
    sessions.set(clientId, {
      clientId,
      subscriptions: new Set(),
      queue: [],
      connects: 0,
      authInvalid: false,
      lastSeen: elapsed(),
    });
    return {
      ext: { replay: true, 'payload.format': true },
      minimumVersion: '1.0',
      clientId,
      supportedConnectionTypes: ['long-polling'],
      channel: HANDSHAKE,
      id: m.id,
      version: '1.0',
      successful: true,
    };
  }

  function subscribe(session: Session, m: Json): Json {
    const channel = m.subscription;
    const fail = (error: string) => ({ ...failure(m, error), clientId: session.clientId, subscription: channel });
    if (typeof channel !== 'string' || channel === '') return fail('400::Channel name not specified');
    if (!channel.startsWith('/')) return fail("400::Channel subscriptions must start with a leading '/'");
    if (!channels.has(channel) && !/^\/data\/[A-Za-z]\w*__ChangeEvent$/.test(channel)) {
      return fail(`400::The channel you requested to subscribe to does not exist {${channel}}`);
    }
    const replay = replayFor(channel, m.ext);
    if ('error' in replay) return fail(replay.error);
    session.subscriptions.add(channel);
    for (const event of replay.events) deliver(session, eventMessage(session, channel, event));
    return { clientId: session.clientId, channel: SUBSCRIBE, id: m.id, subscription: channel, successful: true };
  }

  // The replay position comes from the `ext.replay` map of the subscribe message; without a map a
  // subscriber gets new events only, and a map that lacks the channel is an error.
  function replayFor(channel: string, ext: unknown): { events: StoredEvent[] } | { error: string } {
    const map = isObject(ext) && isObject(ext.replay) ? ext.replay : undefined;
    if (!map) return { events: [] };
    if (!(channel in map)) {
      const entries = Object.entries(map).map(([key, value]) => `${key}=${String(value)}`);
      return {
        error:
          `400::The replayId for channel {${channel}} wasn't found using the provided replay ID map {{${entries.join(', ')}}}. ` +
          'Ensure that the channel name you provided in the replay map is valid and matches the channel name used for subscribing.',
      };
    }
    const raw = map[channel];
    const from = typeof raw === 'number' ? raw : typeof raw === 'string' && /^-?\d+$/.test(raw) ? Number(raw) : NaN;
    const onChannel = (event: StoredEvent) => channel === ALL_CHANGE_EVENTS || event.channel === channel;
    if (from === -1) return { events: [] };
    if (from === -2) return { events: retained.filter(onChannel) };
    const oldest = retained[0]?.replayId;
    if (Number.isInteger(from) && oldest !== undefined && from >= oldest && from <= lastReplayId) {
      return { events: retained.filter((event) => event.replayId > from && onChannel(event)) };
    }
    return {
      error: `400::The replayId {${String(raw)}} you provided was invalid. Please provide a valid ID, -2 to replay all events, or -1 to replay only new events.`,
    };
  }

  function handle(req: Request, res: Response, versionError?: string): void {
    const body: unknown = req.body;
    const messages = (Array.isArray(body) ? body : [body]).filter(isObject);
    if (messages.length === 0) {
      res.status(400).json([{ successful: false, error: '400::Bad request' }]);
      return;
    }
    if (versionError) {
      res.status(400).json(messages.map((m) => failure(m, versionError)));
      return;
    }
    sweep();
    const token = bearerToken(req.get('authorization'));
    const hasBrowserCookie = cookieNames(req.get('cookie')).has(BROWSER_COOKIE);
    const replies: Json[] = [];
    let connect: { session: Session; reply: Json; holdMs: number } | undefined;

    for (const m of messages) {
      if (m.channel === HANDSHAKE) {
        const reply = handshake(m, token);
        if (reply.successful && !hasBrowserCookie) {
          res.append('Set-Cookie', `${BROWSER_COOKIE}=${randomBytes(12).toString('hex')}; Path=/; HttpOnly`);
        }
        replies.push(reply);
        continue;
      }
      const session = typeof m.clientId === 'string' ? sessions.get(m.clientId) : undefined;
      if (!session) {
        replies.push({ ...failure(m, '403::Unknown client'), advice: { interval: 0, reconnect: 'handshake' } });
        continue;
      }
      session.lastSeen = elapsed();
      if (!token) {
        replies.push({
          ...failure(m, '401::Request requires authentication'),
          advice: { reconnect: 'none', interval: 0 },
        });
        continue;
      }
      if (!hasBrowserCookie) {
        const error = `400::Client ${session.clientId} has established a session, but no ${BROWSER_COOKIE} cookie present`;
        replies.push({ ...failure(m, error), clientId: session.clientId });
        continue;
      }
      switch (m.channel) {
        case CONNECT: {
          if (session.authInvalid) {
            sessions.delete(session.clientId);
            replies.push(authInvalid(session, m.id));
            break;
          }
          session.connects += 1;
          const reply: Json = { clientId: session.clientId, channel: CONNECT, id: m.id, successful: true };
          // Salesforce advises only on the first connect of a session; faye keeps the advice it last got.
          if (session.connects === 1) reply.advice = { interval: 0, timeout: longPollMs, reconnect: 'retry' };
          connect = { session, reply, holdMs: requestedTimeout(m.advice, longPollMs) };
          break;
        }
        case SUBSCRIBE:
          replies.push(subscribe(session, m));
          break;
        case UNSUBSCRIBE:
          if (typeof m.subscription === 'string') session.subscriptions.delete(m.subscription);
          replies.push({
            clientId: session.clientId,
            channel: UNSUBSCRIBE,
            id: m.id,
            subscription: m.subscription,
            successful: true,
          });
          break;
        case DISCONNECT:
          sessions.delete(session.clientId);
          flush(session);
          replies.push({ clientId: session.clientId, channel: DISCONNECT, id: m.id, successful: true });
          break;
        default:
          // Change events are published by Salesforce itself, never by subscribers.
          replies.push({ ...failure(m, '403::Publish denied'), clientId: session.clientId });
      }
    }

    if (!connect) {
      send(res, replies);
      return;
    }
    const { session, reply, holdMs } = connect;
    // A client keeps one long-poll outstanding; a stale one is answered empty so its events go with this one.
    if (session.poll) flush(session, session.poll.reply);
    if (session.queue.length > 0 || holdMs === 0 || closed || !sessions.has(session.clientId)) {
      send(res, [...replies, ...session.queue.splice(0), reply]);
      return;
    }
    const poll: Poll = { res, replies, reply, timer: setTimeout(() => flush(session), holdMs) };
    session.poll = poll;
    res.on('close', () => {
      // The client gave up on this poll (its own timeout, or it went away): keep the queue for the next one.
      if (session.poll !== poll) return;
      clearTimeout(poll.timer);
      session.poll = undefined;
      session.lastSeen = elapsed();
    });
  }

  const router = express.Router();
  const json = express.json({ limit: '1mb' });
  router.post('/', json, (req, res) => handle(req, res, `400::API version in the URI is mandatory. ${URI_FORMAT}`));
  router.post('/:version', json, (req, res) => {
    const version = req.params.version ?? '';
    const supported = /^\d+\.0$/.test(version) && Number(version) >= 37;
    handle(
      req,
      res,
      supported
        ? undefined
        : `400::Unsupported API version. Only API versions '37.0' and later are supported. ${URI_FORMAT}`,
    );
  });
  // faye probes for a WebSocket even when told long-polling only; Salesforce refuses anything else.
  router.all('/:version', (req, res) => {
    res
      .status(400)
      .type('text/plain')
      .send(`Invalid connection type ${req.get('upgrade') ?? req.method}`);
  });

  return {
    router,

    publishChange(change) {
      lastReplayId += 1;
      const replayId = lastReplayId;
      const channel = channelOf(change.entityName);
      channels.add(channel);
      const event: StoredEvent = {
        channel,
        replayId,
        storedAt: now(),
        data: { schema: schemaId(change.entityName), payload: payloadOf(change, replayId), event: { replayId } },
      };
      published.push(event);
      retained.push(event);
      for (const session of sessions.values()) {
        for (const subscribed of [channel, ALL_CHANGE_EVENTS]) {
          if (session.subscriptions.has(subscribed)) deliver(session, eventMessage(session, subscribed, event));
        }
      }
      return replayId;
    },

    events() {
      return published.map((event) => ({
        channel: event.channel,
        replayId: event.replayId,
        payload: event.data.payload,
      }));
    },

    expire() {
      const cutoff = now() - retentionMs;
      retained = retained.filter((event) => event.storedAt >= cutoff);
    },

    invalidateSessions() {
      for (const session of sessions.values()) {
        session.authInvalid = true;
        // Salesforce re-validates while the client waits, so an outstanding poll hears about it at once.
        if (session.poll) {
          sessions.delete(session.clientId);
          flush(session, authInvalid(session, session.poll.reply.id));
        }
      }
    },

    clients() {
      sweep();
      return sessions.size;
    },

    close() {
      closed = true;
      for (const session of sessions.values()) flush(session);
    },
  };
}

function payloadOf(change: ChangeEventInput, replayId: number): Json {
  // Over CometD a change event carries only populated fields (for UPDATE, also those set to null) and
  // none for DELETE; nulledFields and diffFields exist only in Pub/Sub API events.
  const fields = Object.entries(structuredClone(change.record)).filter(([name, value]) => {
    if (name === 'ChangeEventHeader' || change.changeType === 'DELETE') return false;
    return change.changeType === 'UPDATE' ? value !== undefined : value !== null && value !== undefined;
  });
  return {
    ChangeEventHeader: {
      entityName: change.entityName,
      recordIds: [...change.recordIds],
      changeType: change.changeType,
      changeOrigin: change.changeOrigin ?? 'com/salesforce/api/rest/62.0',
      transactionKey: randomUUID(),
      sequenceNumber: 1,
      commitTimestamp: change.commitTimestamp,
      commitNumber: COMMIT_NUMBER_BASE + replayId,
      commitUser: change.commitUser ?? INTEGRATION_USER,
      changedFields: [...change.changedFields],
    },
    ...Object.fromEntries(fields),
  };
}

function failure(m: Json, error: string): Json {
  return { channel: m.channel, id: m.id, successful: false, error };
}

function authInvalid(session: Session, id: unknown): Json {
  return {
    clientId: session.clientId,
    advice: { reconnect: 'none', interval: 0 },
    channel: CONNECT,
    id,
    error: '401::Authentication invalid',
    successful: false,
  };
}

/** Custom objects `X__c` publish on `/data/X__ChangeEvent`, standard ones on `/data/<Name>ChangeEvent`. */
function channelOf(entityName: string): string {
  return `/data/${entityName.endsWith('__c') ? `${entityName.slice(0, -1)}ChangeEvent` : `${entityName}ChangeEvent`}`;
}

/** Schema ids are opaque and stable for as long as the object's fields don't change. */
function schemaId(entityName: string): string {
  return createHash('sha256').update(`${entityName}ChangeEvent`).digest('base64url').slice(0, 22);
}

function newClientId(): string {
  const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';
  return Array.from(randomBytes(27), (byte) => alphabet[byte % alphabet.length]).join('');
}

/** faye holds the first connect of a batch with `advice: { timeout: 0 }`, asking for an immediate answer. */
function requestedTimeout(advice: unknown, longPollMs: number): number {
  const timeout = isObject(advice) && typeof advice.timeout === 'number' ? advice.timeout : longPollMs;
  return Math.max(0, Math.min(timeout, longPollMs));
}

function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^(?:OAuth|Bearer)\s+(\S+)$/i.exec(authorization ?? '');
  return match?.[1];
}

function cookieNames(header: string | undefined): Set<string> {
  return new Set((header ?? '').split(';').map((part) => part.split('=')[0]!.trim()));
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
