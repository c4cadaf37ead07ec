/**
 * A local stand-in for Zoom's Realtime Media Streams (RTMS) servers: the signaling WebSocket at `/signaling` (the
 * `server_urls` of `meeting.rtms_started`) and the media WebSocket at `/media` (what the signaling handshake answer
 * points to), speaking the JSON messages of Zoom's RTMS event reference with their integer message types:
 *
 * - signaling handshake (1 → 2) checked as Zoom checks it: known stream, `protocol_version` 1 when given, and the
 *   signature HMAC-SHA256(client secret, `client_id,meeting_uuid,rtms_stream_id`) in hex; refusals carry the
 *   documented status codes (2 unknown stream, 3 bad signature, 8 a second signaling connection for a stream);
 * - FIRST_PACKET_TIMESTAMP event (6) after the handshake;
 * - media handshake (3 → 4), same checks, transcripts (`media_type` 8 or 32) only, one media connection per stream
 *   (16 otherwise), then CLIENT_READY_ACK (7) on signaling before any media data flows;
 * - keep-alives (12 → 13, the timestamp echoed) on either connection, on demand or every `keepAliveIntervalMs`, a
 *   connection being dropped after three unanswered ones as Zoom does;
 * - transcripts (17) from scripted lines, queued while no client is ready and sent in order once one is (Zoom
 *   buffers across interruptions), with optional redelivery of the last lines after a reconnect;
 * - STREAM_STATE_UPDATE (8) TERMINATED on `terminate()` or after a STREAM_CLOSE_REQ (21 → 22).
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';

// Zoom's RTMS_MESSAGE_TYPE, RTMS_STATUS_CODE and friends, as numbered in its data type definitions.
export const RTMS = {
  SIGNALING_HAND_SHAKE_REQ: 1,
  SIGNALING_HAND_SHAKE_RESP: 2,
  DATA_HAND_SHAKE_REQ: 3,
  DATA_HAND_SHAKE_RESP: 4,
  EVENT_SUBSCRIPTION: 5,
  EVENT_UPDATE: 6,
  CLIENT_READY_ACK: 7,
  STREAM_STATE_UPDATE: 8,
  KEEP_ALIVE_REQ: 12,
  KEEP_ALIVE_RESP: 13,
  MEDIA_DATA_TRANSCRIPT: 17,
  STREAM_CLOSE_REQ: 21,
  STREAM_CLOSE_RESP: 22,
} as const;

export const STATUS = {
  OK: 0,
  INVALID_MESSAGE_TYPE: 1,
  INVALID_RTMS_STREAM_ID: 2,
  INVALID_SIGNATURE: 3,
  INVALID_PAYLOAD: 4,
  INVALID_MEDIA_TYPE: 7,
  DUPLICATE_SIGNAL_REQUEST: 8,
  DUPLICATE_MEDIA_DATA_CONNECTION: 16,
} as const;

const EVENT_FIRST_PACKET_TIMESTAMP = 1;
const STREAM_STATE_TERMINATED = 4;
const STOP_BC_MEETING_ENDED = 6;
const MEDIA_TRANSCRIPT = 8;
const MEDIA_ALL = 32;

export type Channel = 'signaling' | 'media';

export interface TranscriptLine {
  userId: number;
  userName: string;
  text: string;
  /** Epoch milliseconds; by default the moment the line is scripted. */
  timestamp?: number;
  startTime?: number;
  endTime?: number;
  /** RTMS_TRANSCRIPT_LANGUAGE; 9 is English. */
  language?: number;
}

export interface HandshakeRecord {
  channel: Channel;
  message: Record<string, unknown>;
  statusCode: number;
}

export interface StandInStream {
  readonly meetingUuid: string;
  readonly rtmsStreamId: string;
  /** What `meeting.rtms_started` carries as `server_urls`. */
  readonly serverUrls: string;
  /** Every handshake request for this stream, in arrival order, with the status it was answered with. */
  readonly handshakes: readonly HandshakeRecord[];
  /** Transcript messages written to a client, redeliveries included. */
  readonly sent: readonly Required<TranscriptLine>[];
  /** Scripts a line: sent now if a client is ready, else when one is. */
  say(line: TranscriptLine): Required<TranscriptLine>;
  /** Resolves once a client has completed both handshakes and acknowledged readiness `times` times in all. */
  ready(times?: number): Promise<void>;
  readyCount(): number;
  /** Cuts the media connection; after the client's next ready, the last `redeliver` lines are sent again. */
  dropMedia(options?: { redeliver?: number }): void;
  dropSignaling(): void;
  /** Sends KEEP_ALIVE_REQ on a connection and resolves with the matching KEEP_ALIVE_RESP. */
  keepAlive(channel: Channel): Promise<Record<string, unknown>>;
  /** Ends the stream as Zoom does when the meeting ends; later handshakes for it are refused. */
  terminate(reason?: number): void;
  openConnections(): Record<Channel, number>;
}

export interface RtmsStandInOptions {
  clientId: string;
  clientSecret: string;
  /** Zoom sends keep-alives every 10 s; 0 (the default) sends them only when a test asks. */
  keepAliveIntervalMs?: number;
}

export interface RtmsStandIn {
  readonly signalingUrl: string;
  readonly mediaUrl: string;
  /** Declares a stream that `meeting.rtms_started` would announce (the same handle when asked again). */
  stream(meetingUuid: string, rtmsStreamId: string): StandInStream;
  /** Every message received from clients, in arrival order. */
  readonly received: readonly { channel: Channel; message: Record<string, unknown> }[];
  close(): Promise<void>;
}

interface Connection {
  channel: Channel;
  socket: WebSocket;
  stream: StreamState | null;
  unanswered: number;
  keepAliveTimer: NodeJS.Timeout | null;
  waiting: Map<number, (response: Record<string, unknown>) => void>;
}

interface StreamState {
  meetingUuid: string;
  rtmsStreamId: string;
  terminated: boolean;
  signaling: Connection | null;
  media: Connection | null;
  ready: boolean;
  readyCount: number;
  readyWaiters: { times: number; resolve: () => void }[];
  queue: Required<TranscriptLine>[];
  sent: Required<TranscriptLine>[];
  handshakes: HandshakeRecord[];
  redeliver: number;
}

export async function startRtmsStandIn(options: RtmsStandInOptions): Promise<RtmsStandIn> {
  const streams = new Map<string, StreamState>();
  const handles = new Map<string, StandInStream>();
  const received: { channel: Channel; message: Record<string, unknown> }[] = [];
  const connections = new Set<Connection>();
  const http = createServer((_req, res) => res.writeHead(426).end());
  const wss = new WebSocketServer({ noServer: true });
  let nextKeepAlive = Date.now();

  const signatureFor = (meetingUuid: string, rtmsStreamId: string) =>
    createHmac('sha256', options.clientSecret)
      .update(`${options.clientId},${meetingUuid},${rtmsStreamId}`)
      .digest('hex');

  const send = (connection: Connection | null, message: object) => {
    if (connection?.socket.readyState === WebSocket.OPEN) connection.socket.send(JSON.stringify(message));
  };

  const keepAlive = (connection: Connection): Promise<Record<string, unknown>> => {
    // Distinct timestamps pair each response with its request.
    nextKeepAlive = Math.max(nextKeepAlive + 1, Date.now());
    const timestamp = nextKeepAlive;
    connection.unanswered += 1;
    const answered = new Promise<Record<string, unknown>>((resolve) => connection.waiting.set(timestamp, resolve));
    send(connection, { msg_type: RTMS.KEEP_ALIVE_REQ, timestamp });
    return answered;
  };

  /** Keep-alives start once a connection is handshaken. */
  const startKeepAlives = (connection: Connection) => {
    if (!options.keepAliveIntervalMs || connection.keepAliveTimer) return;
    connection.keepAliveTimer = setInterval(() => {
      // Three requests without an answer and Zoom drops the connection.
      if (connection.unanswered >= 3) return connection.socket.terminate();
      void keepAlive(connection);
    }, options.keepAliveIntervalMs);
  };

  const pump = (stream: StreamState) => {
    if (!stream.ready || !stream.media) return;
    if (stream.redeliver > 0) {
      const again = stream.sent.slice(-stream.redeliver);
      stream.redeliver = 0;
      for (const line of again) transmit(stream, line);
    }
    while (stream.queue.length > 0) transmit(stream, stream.queue.shift()!);
  };

  const transmit = (stream: StreamState, line: Required<TranscriptLine>) => {
    send(stream.media, {
      msg_type: RTMS.MEDIA_DATA_TRANSCRIPT,
      content: {
        user_id: line.userId,
        user_name: line.userName,
        start_time: line.startTime,
        end_time: line.endTime,
        timestamp: line.timestamp,
        language: line.language,
        data: line.text,
      },
    });
    stream.sent.push(line);
  };

  const notReady = (stream: StreamState) => {
    stream.ready = false;
  };

  const refuse = (
    connection: Connection,
    stream: StreamState | undefined,
    message: Record<string, unknown>,
    statusCode: number,
  ) => {
    stream?.handshakes.push({ channel: connection.channel, message, statusCode });
    send(connection, {
      msg_type: connection.channel === 'signaling' ? RTMS.SIGNALING_HAND_SHAKE_RESP : RTMS.DATA_HAND_SHAKE_RESP,
      protocol_version: 1,
      sequence: 0,
      status_code: statusCode,
      reason: `refused with status ${statusCode}`,
    });
    connection.socket.close(1008);
  };

  /** The stream a handshake names, or the status code to refuse it with. */
  const check = (message: Record<string, unknown>): { stream?: StreamState; status: number } => {
    const { meeting_uuid: meetingUuid, rtms_stream_id: streamId, signature } = message;
    if (typeof meetingUuid !== 'string' || typeof streamId !== 'string' || typeof signature !== 'string')
      return { status: STATUS.INVALID_PAYLOAD };
    if (message.protocol_version !== undefined && message.protocol_version !== 1)
      return { status: STATUS.INVALID_PAYLOAD };
    const stream = streams.get(streamId);
    if (!stream || stream.meetingUuid !== meetingUuid || stream.terminated)
      return { status: STATUS.INVALID_RTMS_STREAM_ID };
    if (signature !== signatureFor(meetingUuid, streamId)) return { stream, status: STATUS.INVALID_SIGNATURE };
    return { stream, status: STATUS.OK };
  };

  const onSignaling = (connection: Connection, message: Record<string, unknown>) => {
    switch (message.msg_type) {
      case RTMS.SIGNALING_HAND_SHAKE_REQ: {
        const { stream, status } = check(message);
        if (status !== STATUS.OK || !stream) return refuse(connection, stream, message, status);
        if (stream.signaling && stream.signaling !== connection)
          return refuse(connection, stream, message, STATUS.DUPLICATE_SIGNAL_REQUEST);
        stream.handshakes.push({ channel: 'signaling', message, statusCode: STATUS.OK });
        stream.signaling = connection;
        connection.stream = stream;
        startKeepAlives(connection);
        send(connection, {
          msg_type: RTMS.SIGNALING_HAND_SHAKE_RESP,
          protocol_version: 1,
          sequence: 0,
          status_code: STATUS.OK,
          reason: '',
          media_server: {
            server_urls: {
              audio: standIn.mediaUrl,
              video: standIn.mediaUrl,
              transcript: standIn.mediaUrl,
              all: standIn.mediaUrl,
            },
          },
        });
        send(connection, {
          msg_type: RTMS.EVENT_UPDATE,
          event: { event_type: EVENT_FIRST_PACKET_TIMESTAMP, timestamp: Date.now() },
        });
        return;
      }
      case RTMS.CLIENT_READY_ACK: {
        const stream = connection.stream;
        if (!stream || message.rtms_stream_id !== stream.rtmsStreamId || !stream.media) return;
        stream.ready = true;
        stream.readyCount += 1;
        stream.readyWaiters = stream.readyWaiters.filter((waiter) => {
          if (stream.readyCount < waiter.times) return true;
          waiter.resolve();
          return false;
        });
        return pump(stream);
      }
      case RTMS.KEEP_ALIVE_RESP:
        return answered(connection, message);
      case RTMS.STREAM_CLOSE_REQ: {
        const stream = connection.stream;
        if (!stream || message.rtms_stream_id !== stream.rtmsStreamId) return;
        send(connection, {
          msg_type: RTMS.STREAM_CLOSE_RESP,
          rtms_stream_id: stream.rtmsStreamId,
          status_code: STATUS.OK,
          reason: 'OK',
          timestamp: Date.now(),
        });
        return terminate(stream, 20);
      }
    }
  };

  const onMedia = (connection: Connection, message: Record<string, unknown>) => {
    switch (message.msg_type) {
      case RTMS.DATA_HAND_SHAKE_REQ: {
        const { stream, status } = check(message);
        if (status !== STATUS.OK || !stream) return refuse(connection, stream, message, status);
        if (!stream.signaling) return refuse(connection, stream, message, STATUS.INVALID_RTMS_STREAM_ID);
        const mediaType = message.media_type;
        if (typeof mediaType !== 'number' || (mediaType !== MEDIA_ALL && (mediaType & MEDIA_TRANSCRIPT) === 0))
          return refuse(connection, stream, message, STATUS.INVALID_MEDIA_TYPE);
        if (stream.media && stream.media !== connection)
          return refuse(connection, stream, message, STATUS.DUPLICATE_MEDIA_DATA_CONNECTION);
        stream.handshakes.push({ channel: 'media', message, statusCode: STATUS.OK });
        stream.media = connection;
        connection.stream = stream;
        notReady(stream);
        startKeepAlives(connection);
        send(connection, {
          msg_type: RTMS.DATA_HAND_SHAKE_RESP,
          protocol_version: 1,
          status_code: STATUS.OK,
          reason: '',
          sequence: 0,
          payload_encrypted: false,
          media_params: { transcript: { content_type: 5, src_language: 9, enable_lid: true } },
        });
        return;
      }
      case RTMS.KEEP_ALIVE_RESP:
        return answered(connection, message);
    }
  };

  const answered = (connection: Connection, message: Record<string, unknown>) => {
    const waiter = typeof message.timestamp === 'number' ? connection.waiting.get(message.timestamp) : undefined;
    if (!waiter) return;
    connection.waiting.delete(message.timestamp as number);
    connection.unanswered = 0;
    waiter(message);
  };

  const terminate = (stream: StreamState, reason: number) => {
    stream.terminated = true;
    send(stream.signaling, {
      msg_type: RTMS.STREAM_STATE_UPDATE,
      state: STREAM_STATE_TERMINATED,
      reason,
      timestamp: Date.now(),
    });
    stream.media?.socket.close(1000);
    stream.signaling?.socket.close(1000);
  };

  const onClose = (connection: Connection) => {
    connections.delete(connection);
    if (connection.keepAliveTimer) clearInterval(connection.keepAliveTimer);
    const stream = connection.stream;
    if (!stream) return;
    if (stream.media === connection) {
      stream.media = null;
      notReady(stream);
    }
    if (stream.signaling === connection) {
      stream.signaling = null;
      notReady(stream);
      // Zoom pairs the two: without signaling, the media connection is dropped too.
      stream.media?.socket.terminate();
    }
  };

  wss.on('connection', (socket: WebSocket, channel: Channel) => {
    const connection: Connection = {
      channel,
      socket,
      stream: null,
      unanswered: 0,
      keepAliveTimer: null,
      waiting: new Map(),
    };
    connections.add(connection);
    socket.on('message', (data: RawData) => {
      let message: unknown;
      try {
        message = JSON.parse(data.toString());
      } catch {
        return;
      }
      if (typeof message !== 'object' || message === null || Array.isArray(message)) return;
      received.push({ channel, message: message as Record<string, unknown> });
      if (channel === 'signaling') onSignaling(connection, message as Record<string, unknown>);
      else onMedia(connection, message as Record<string, unknown>);
    });
    socket.on('close', () => onClose(connection));
    socket.on('error', () => socket.terminate());
  });

  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const channel: Channel | null = path === '/signaling' ? 'signaling' : path === '/media' ? 'media' : null;
    if (!channel) {
      socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, channel));
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = http.address() as AddressInfo;

  const standIn: RtmsStandIn = {
    signalingUrl: `ws://127.0.0.1:${port}/signaling`,
    mediaUrl: `ws://127.0.0.1:${port}/media`,
    received,
    stream(meetingUuid, rtmsStreamId) {
      const declared = handles.get(rtmsStreamId);
      if (declared) return declared;
      const state: StreamState = {
        meetingUuid,
        rtmsStreamId,
        terminated: false,
        signaling: null,
        media: null,
        ready: false,
        readyCount: 0,
        readyWaiters: [],
        queue: [],
        sent: [],
        handshakes: [],
        redeliver: 0,
      };
      streams.set(rtmsStreamId, state);
      const connectionOf = (channel: Channel) => {
        const connection = channel === 'signaling' ? state.signaling : state.media;
        if (!connection) throw new Error(`no ${channel} connection for stream ${rtmsStreamId}`);
        return connection;
      };
      const handle: StandInStream = {
        meetingUuid,
        rtmsStreamId,
        serverUrls: standIn.signalingUrl,
        handshakes: state.handshakes,
        sent: state.sent,
        say(line) {
          const now = Date.now();
          const full: Required<TranscriptLine> = {
            userId: line.userId,
            userName: line.userName,
            text: line.text,
            timestamp: line.timestamp ?? line.endTime ?? now,
            startTime: line.startTime ?? line.timestamp ?? now,
            endTime: line.endTime ?? line.timestamp ?? now,
            language: line.language ?? 9,
          };
          state.queue.push(full);
          pump(state);
          return full;
        },
        ready(times = 1) {
          if (state.readyCount >= times) return Promise.resolve();
          return new Promise((resolve) => state.readyWaiters.push({ times, resolve }));
        },
        readyCount: () => state.readyCount,
        dropMedia(drop = {}) {
          const media = connectionOf('media');
          state.media = null;
          notReady(state);
          state.redeliver = drop.redeliver ?? 0;
          media.socket.terminate();
        },
        dropSignaling() {
          connectionOf('signaling').socket.terminate();
        },
        keepAlive: (channel) => keepAlive(connectionOf(channel)),
        terminate: (reason = STOP_BC_MEETING_ENDED) => terminate(state, reason),
        openConnections: () => ({
          signaling: [...connections].filter((c) => c.channel === 'signaling' && c.stream === state).length,
          media: [...connections].filter((c) => c.channel === 'media' && c.stream === state).length,
        }),
      };
      handles.set(rtmsStreamId, handle);
      return handle;
    },
    close: async () => {
      for (const connection of connections) {
        if (connection.keepAliveTimer) clearInterval(connection.keepAliveTimer);
        connection.socket.terminate();
      }
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve, reject) => {
        http.close((error) => (error ? reject(error) : resolve()));
        http.closeAllConnections();
      });
    },
  };
  return standIn;
}
