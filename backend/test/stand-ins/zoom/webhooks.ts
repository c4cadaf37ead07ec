/**
 * Zoom's side of webhook delivery: POSTs a JSON event to an endpoint URL with the headers Zoom sends, signed as Zoom
 * signs them (`x-zm-signature: v0=<hex HMAC-SHA256(secret token, "v0:{timestamp}:{body}")>`, the timestamp in
 * seconds in `x-zm-request-timestamp`), and runs the endpoint URL validation challenge
 * (`endpoint.url_validation` with a `plainToken`, answered by `{ plainToken, encryptedToken }` where
 * `encryptedToken` is the hex HMAC-SHA256 of the plainToken with the secret token). Faults for tests: another
 * timestamp, another signature, a body changed after signing, headers left out.
 */
import { createHmac, randomBytes } from 'node:crypto';

export interface Delivery {
  status: number;
  contentType: string | null;
  text: string;
  json(): unknown;
}

export interface SendOptions {
  /** `event_ts` in the body (milliseconds); now by default. */
  eventTs?: number;
  /** The `x-zm-request-timestamp` to sign with, in seconds; now by default. */
  timestampSec?: number;
  /** Changes the body after it was signed. */
  tamper?: (rawBody: string) => string;
  /** Replaces or, when undefined, removes headers after signing. */
  headers?: Record<string, string | undefined>;
}

export interface ZoomWebhookSender {
  readonly url: string;
  /** Signs and posts `{ event, payload, event_ts }`. */
  send(event: string, payload: Record<string, unknown>, options?: SendOptions): Promise<Delivery>;
  /** Posts a body exactly as given, signed unless options say otherwise. */
  sendRaw(rawBody: string, options?: Omit<SendOptions, 'eventTs'>): Promise<Delivery>;
  /** Runs the URL validation challenge; `valid` is Zoom's verdict on the answer. */
  validateUrl(): Promise<{ valid: boolean; plainToken: string; delivery: Delivery }>;
  signature(timestampSec: number, rawBody: string): string;
}

export function zoomWebhookSender(options: {
  url: string;
  secretToken: string;
  /** The sender's clock, milliseconds. */
  now?: () => number;
}): ZoomWebhookSender {
  const now = options.now ?? Date.now;
  const hmac = (text: string) => createHmac('sha256', options.secretToken).update(text).digest('hex');
  const signature = (timestampSec: number, rawBody: string) => `v0=${hmac(`v0:${timestampSec}:${rawBody}`)}`;

  const sendRaw = async (rawBody: string, send: Omit<SendOptions, 'eventTs'> = {}): Promise<Delivery> => {
    const timestampSec = send.timestampSec ?? Math.floor(now() / 1000);
    const headers: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8',
      'user-agent': 'Zoom Marketplace/1.0a',
      'x-zm-request-timestamp': String(timestampSec),
      'x-zm-signature': signature(timestampSec, rawBody),
      'x-zm-trackingid': `v=2.0;clid=us06;rid=${randomBytes(8).toString('hex')}`,
    };
    for (const [name, value] of Object.entries(send.headers ?? {})) {
      if (value === undefined) delete headers[name];
      else headers[name] = value;
    }
    const response = await fetch(options.url, {
      method: 'POST',
      headers,
      body: send.tamper ? send.tamper(rawBody) : rawBody,
    });
    const text = await response.text();
    return {
      status: response.status,
      contentType: response.headers.get('content-type'),
      text,
      json: () => JSON.parse(text) as unknown,
    };
  };

  return {
    url: options.url,
    signature,
    sendRaw,
    send: (event, payload, send = {}) => {
      const { eventTs, ...rest } = send;
      return sendRaw(JSON.stringify({ event, payload, event_ts: eventTs ?? now() }), rest);
    },
    async validateUrl() {
      const plainToken = randomBytes(16).toString('base64url');
      const delivery = await sendRaw(
        JSON.stringify({ payload: { plainToken }, event_ts: now(), event: 'endpoint.url_validation' }),
      );
      let valid = false;
      if (delivery.status === 200) {
        try {
          const answer = delivery.json() as { plainToken?: unknown; encryptedToken?: unknown };
          valid = answer.plainToken === plainToken && answer.encryptedToken === hmac(plainToken);
        } catch {
          valid = false;
        }
      }
      return { valid, plainToken, delivery };
    },
  };
}

/** Event payloads as Zoom sends them. */
export const zoomEvents = {
  rtmsStarted: (p: {
    accountId: string;
    meetingUuid: string;
    rtmsStreamId: string;
    serverUrls: string;
    operatorId?: string;
  }) => ({
    account_id: p.accountId,
    meeting_uuid: p.meetingUuid,
    rtms_stream_id: p.rtmsStreamId,
    server_urls: p.serverUrls,
    operator_id: p.operatorId ?? 'h0stUs3rIdxxxxxxxxxxxx',
    is_original_host: true,
  }),
  rtmsStopped: (p: { accountId: string; meetingUuid: string; rtmsStreamId: string; stopReason?: number }) => ({
    account_id: p.accountId,
    meeting_uuid: p.meetingUuid,
    rtms_stream_id: p.rtmsStreamId,
    stop_reason: p.stopReason ?? 6,
  }),
  meetingEnded: (p: { accountId: string; meetingUuid: string; hostId?: string; endTime?: string }) => ({
    account_id: p.accountId,
    object: {
      id: 85746065432,
      uuid: p.meetingUuid,
      host_id: p.hostId ?? 'h0stUs3rIdxxxxxxxxxxxx',
      topic: 'Discovery call',
      type: 2,
      start_time: '2026-11-24T14:00:00Z',
      end_time: p.endTime ?? '2026-11-24T14:30:00Z',
      duration: 30,
      timezone: 'Europe/London',
    },
  }),
  participantJoined: (p: {
    accountId: string;
    meetingUuid: string;
    hostId: string;
    participantId: number | string;
    zoomUserId?: string;
    userName: string;
  }) => ({
    account_id: p.accountId,
    object: {
      id: 85746065432,
      uuid: p.meetingUuid,
      host_id: p.hostId,
      topic: 'Discovery call',
      type: 2,
      start_time: '2026-11-24T14:00:00Z',
      timezone: 'Europe/London',
      participant: {
        user_id: String(p.participantId),
        user_name: p.userName,
        id: p.zoomUserId ?? '',
        participant_uuid: randomBytes(8).toString('hex'),
        join_time: '2026-11-24T14:00:05Z',
      },
    },
  }),
};
