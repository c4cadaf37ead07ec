import { createHmac } from 'node:crypto';
import { z } from 'zod';

/**
 * The parts of Zoom's Realtime Media Streams (RTMS) WebSocket protocol this service speaks, as numbered in Zoom's
 * "Data type definitions" (messages carry the integers, never the names).
 */
export const MsgType = {
  SIGNALING_HAND_SHAKE_REQ: 1,
  SIGNALING_HAND_SHAKE_RESP: 2,
  DATA_HAND_SHAKE_REQ: 3,
  DATA_HAND_SHAKE_RESP: 4,
  EVENT_UPDATE: 6,
  CLIENT_READY_ACK: 7,
  STREAM_STATE_UPDATE: 8,
  SESSION_STATE_UPDATE: 9,
  KEEP_ALIVE_REQ: 12,
  KEEP_ALIVE_RESP: 13,
  MEDIA_DATA_TRANSCRIPT: 17,
} as const;

export const StatusCode = {
  OK: 0,
  INVALID_RTMS_STREAM_ID: 2,
  INVALID_SIGNATURE: 3,
  DUPLICATE_SIGNAL_REQUEST: 8,
  MEDIA_TYPE_TRANSCRIPT_NOT_SUPPORT: 12,
} as const;

/** Handshake refusals a retry cannot fix: wrong credentials, an unknown stream, or no transcript scope. */
export const FATAL_STATUS_CODES: ReadonlySet<number> = new Set([
  StatusCode.INVALID_RTMS_STREAM_ID,
  StatusCode.INVALID_SIGNATURE,
  StatusCode.MEDIA_TYPE_TRANSCRIPT_NOT_SUPPORT,
]);

export const StreamState = { TERMINATED: 4 } as const;

/** `media_type` bit for transcripts (audio 1, video 2, share 4, transcript 8, chat 16; 32 asks for all). */
export const MEDIA_TYPE_TRANSCRIPT = 8;
/** `MEDIA_CONTENT_TYPE` text. */
export const CONTENT_TYPE_TEXT = 5;

/** HMAC-SHA256 with the app's client secret over `client_id,meeting_uuid,rtms_stream_id`, hex, for both handshakes. */
export function rtmsSignature(clientId: string, clientSecret: string, meetingUuid: string, rtmsStreamId: string) {
  return createHmac('sha256', clientSecret).update(`${clientId},${meetingUuid},${rtmsStreamId}`, 'utf8').digest('hex');
}

const Id = z.union([z.string(), z.number()]).transform(String);

export const HandshakeResponse = z.object({
  msg_type: z.union([z.literal(MsgType.SIGNALING_HAND_SHAKE_RESP), z.literal(MsgType.DATA_HAND_SHAKE_RESP)]),
  status_code: z.number().int(),
  reason: z.string().nullish(),
  media_server: z
    .object({
      server_urls: z.object({ transcript: z.string().nullish(), all: z.string().nullish() }).loose().nullish(),
    })
    .loose()
    .nullish(),
});

export const KeepAliveRequest = z.object({ msg_type: z.literal(MsgType.KEEP_ALIVE_REQ), timestamp: z.number() });

export const StreamStateUpdate = z.object({
  msg_type: z.literal(MsgType.STREAM_STATE_UPDATE),
  state: z.number().int(),
  reason: z.number().int().nullish(),
});

export const TranscriptMessage = z.object({
  msg_type: z.literal(MsgType.MEDIA_DATA_TRANSCRIPT),
  content: z.object({
    user_id: Id,
    user_name: z.string().nullish(),
    data: z.string(),
    timestamp: z.number(),
    start_time: z.number().nullish(),
    end_time: z.number().nullish(),
    language: z.number().nullish(),
  }),
});
export type TranscriptMessage = z.infer<typeof TranscriptMessage>;

/** The message type of a frame, or null when it is not a JSON object carrying one. */
export function parseFrame(data: unknown): { msgType: number; message: unknown } | null {
  let message: unknown;
  try {
    message = JSON.parse(String(data));
  } catch {
    return null;
  }
  if (typeof message !== 'object' || message === null) return null;
  const msgType = (message as { msg_type?: unknown }).msg_type;
  return typeof msgType === 'number' ? { msgType, message } : null;
}
