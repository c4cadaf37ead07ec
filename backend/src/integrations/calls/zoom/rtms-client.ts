import { createHash } from 'node:crypto';
import WebSocket, { type RawData } from 'ws';
import type { TranscriptSegmentUpsert } from '@sdr/shared';
import type { Logger } from '../../../logger.ts';
import type { CallSink } from '../call-sink.ts';
import {
  CONTENT_TYPE_TEXT,
  FATAL_STATUS_CODES,
  HandshakeResponse,
  KeepAliveRequest,
  MEDIA_TYPE_TRANSCRIPT,
  MsgType,
  parseFrame,
  rtmsSignature,
  StatusCode,
  StreamState,
  StreamStateUpdate,
  TranscriptMessage,
} from './rtms-protocol.ts';

/**
 * Consumes Zoom Realtime Media Streams (RTMS) transcripts: per meeting, a signaling WebSocket (handshake, keep-alives,
 * stream state) and a media WebSocket (transcripts), both signed with the app's client secret, each utterance
 * delivered to the call sink as a final segment. See README.md for the protocol and its limits.
 */

/**
 * Which participants are the rep. RTMS transcripts name a speaker only by their in-meeting participant id, so the
 * rule is applied to `meeting.participant_joined` webhooks (which carry both that id and the Zoom user id), passed
 * in through `noteParticipant`. Everyone else is the prospect.
 */
export interface SpeakerRule {
  /** Zoom user ids (`participant.id`, `host_id`, `operator_id` in Zoom's payloads) of reps, or a lookup per tenant. */
  repUserIds?: ReadonlySet<string> | ((tenantId: string) => Promise<ReadonlySet<string>> | ReadonlySet<string>);
  /** The meeting's host (the participant whose Zoom user id is the meeting's `host_id`) is the rep. */
  hostIsRep?: boolean;
}

export interface RtmsClientOptions {
  clientId: string;
  clientSecret: string;
  sink: CallSink;
  logger: Logger;
  speakers?: SpeakerRule;
  /** Segments arriving within this window go to the sink in one call. */
  batchWindowMs?: number;
  /** Consecutive failed (re)connections before a stream is given up; a completed media handshake resets the count. */
  maxReconnectAttempts?: number;
  reconnectBaseDelayMs?: number;
  reconnectMaxDelayMs?: number;
  /**
   * A socket with no message for this long is reopened. Zoom sends keep-alives every 10 s and advises
   * re-handshaking after 65 s without one.
   */
  silenceTimeoutMs?: number;
  /** Attempts per batch when the sink fails, before the batch is dropped and logged. */
  deliveryAttempts?: number;
  /**
   * Where signaling and media connections may go. The URLs come from a signed webhook and Zoom's own handshake
   * answer, but a leaked webhook secret should not turn this service into a WebSocket client of arbitrary hosts.
   * Default: `wss:` to `zoom.us` or its subdomains.
   */
  isAllowedServerUrl?: (url: URL) => boolean;
}

/** What `meeting.rtms_started` says, with the call it feeds. */
export interface RtmsStream {
  tenantId: string;
  callId: string;
  meetingUuid: string;
  rtmsStreamId: string;
  /** The signaling server URL (`server_urls`). */
  serverUrls: string;
  /** Epoch milliseconds the call started at; segment offsets count from it. */
  startedAtMs: number;
}

export type StartOutcome = 'started' | 'already running' | 'replaced' | 'refused';

export interface Participant {
  /** The in-meeting participant id, as RTMS transcripts carry it (`participant.user_id` in meeting webhooks). */
  participantId: string;
  /** The Zoom user id (`participant.id`); absent for guests. */
  zoomUserId?: string | null;
  isHost: boolean;
}

const MAX_BATCH = 500;
const MAX_TEXT = 10_000;
const MAX_OFFSET_MS = 86_400_000;
/** Meetings whose rep participants are remembered before their stream starts; the oldest are forgotten first. */
const MAX_REMEMBERED_MEETINGS = 2_000;

export const defaultServerUrlPolicy = (url: URL) =>
  url.protocol === 'wss:' && (url.hostname === 'zoom.us' || url.hostname.endsWith('.zoom.us'));

export class RtmsClient {
  private readonly streams = new Map<string, MeetingStream>();
  private readonly reps = new Map<string, Set<string>>();
  private closed = false;
  readonly settings: Required<Omit<RtmsClientOptions, 'speakers'>> & { speakers: SpeakerRule };

  constructor(options: RtmsClientOptions) {
    this.settings = {
      batchWindowMs: 100,
      maxReconnectAttempts: 8,
      reconnectBaseDelayMs: 500,
      reconnectMaxDelayMs: 30_000,
      silenceTimeoutMs: 65_000,
      deliveryAttempts: 5,
      isAllowedServerUrl: defaultServerUrlPolicy,
      speakers: {},
      // An option passed as undefined keeps its default.
      ...(Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as RtmsClientOptions),
    };
  }

  /** Opens the consumer for a meeting unless one runs for the same stream; the connection is made in the background. */
  start(stream: RtmsStream): StartOutcome {
    if (this.closed) return 'refused';
    if (!this.allowed(stream.serverUrls)) {
      this.settings.logger.error(
        { meetingUuid: stream.meetingUuid, serverUrls: stream.serverUrls },
        'RTMS signaling URL refused by the server URL policy',
      );
      return 'refused';
    }
    const running = this.streams.get(stream.meetingUuid);
    if (running?.stream.rtmsStreamId === stream.rtmsStreamId) return 'already running';
    // One consumer per meeting: a new stream id means Zoom restarted streaming, and the old stream is over.
    if (running) void running.stop();
    const consumer = new MeetingStream(this, stream, () => {
      if (this.streams.get(stream.meetingUuid) === consumer) this.streams.delete(stream.meetingUuid);
    });
    this.streams.set(stream.meetingUuid, consumer);
    consumer.open();
    return running ? 'replaced' : 'started';
  }

  /** The stream id being consumed for a meeting, if any. */
  runningStream(meetingUuid: string): string | undefined {
    return this.streams.get(meetingUuid)?.stream.rtmsStreamId;
  }

  /** Meetings with a consumer. */
  running(): string[] {
    return [...this.streams.keys()];
  }

  /** Closes the meeting's connections once what was received has reached the sink. */
  async stop(meetingUuid: string): Promise<void> {
    const consumer = this.streams.get(meetingUuid);
    this.reps.delete(meetingUuid);
    if (!consumer) return;
    this.streams.delete(meetingUuid);
    await consumer.stop();
  }

  async close(): Promise<void> {
    this.closed = true;
    const consumers = [...this.streams.values()];
    this.streams.clear();
    this.reps.clear();
    await Promise.all(consumers.map((consumer) => consumer.stop()));
  }

  /** Applies the speaker rule to a participant who joined; true when they count as the rep from now on. */
  async noteParticipant(tenantId: string, meetingUuid: string, participant: Participant): Promise<boolean> {
    const { repUserIds, hostIsRep } = this.settings.speakers;
    let rep = Boolean(hostIsRep && participant.isHost);
    if (!rep && repUserIds && participant.zoomUserId) {
      const ids = typeof repUserIds === 'function' ? await repUserIds(tenantId) : repUserIds;
      rep = ids.has(participant.zoomUserId);
    }
    if (!rep) return false;
    let ids = this.reps.get(meetingUuid);
    if (!ids) {
      if (this.reps.size >= MAX_REMEMBERED_MEETINGS) this.reps.delete(this.reps.keys().next().value!);
      ids = new Set();
      this.reps.set(meetingUuid, ids);
    }
    ids.add(participant.participantId);
    return true;
  }

  speakerOf(meetingUuid: string, participantId: string): 'rep' | 'prospect' {
    return this.reps.get(meetingUuid)?.has(participantId) ? 'rep' : 'prospect';
  }

  allowed(url: string): boolean {
    try {
      return this.settings.isAllowedServerUrl(new URL(url));
    } catch {
      return false;
    }
  }
}

/** The consumer of one meeting's stream. */
class MeetingStream {
  private stopped = false;
  private signaling: WebSocket | null = null;
  private media: WebSocket | null = null;
  private mediaUrl: string | null = null;
  private signalingReady = false;
  private attempts = 0;
  private sequence = 0;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private readonly silence = new Map<WebSocket, NodeJS.Timeout>();
  private readonly seen = new Set<string>();
  private pending: TranscriptSegmentUpsert[] = [];
  private flushTimer: NodeJS.Timeout | null = null;
  private delivery: Promise<void> = Promise.resolve();
  private readonly signature: string;
  private readonly log: Logger;
  private readonly client: RtmsClient;
  readonly stream: RtmsStream;
  private readonly onFinished: () => void;

  constructor(client: RtmsClient, stream: RtmsStream, onFinished: () => void) {
    this.client = client;
    this.stream = stream;
    this.onFinished = onFinished;
    const { clientId, clientSecret, logger } = client.settings;
    this.signature = rtmsSignature(clientId, clientSecret, stream.meetingUuid, stream.rtmsStreamId);
    this.log = logger.child({ meetingUuid: stream.meetingUuid, rtmsStreamId: stream.rtmsStreamId });
  }

  open(): void {
    this.connectSignaling();
  }

  async stop(): Promise<void> {
    this.finish();
    this.flush();
    await this.delivery;
  }

  private finish(): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    this.closeSocket(this.media);
    this.closeSocket(this.signaling);
    this.media = null;
    this.signaling = null;
    this.onFinished();
  }

  private giveUp(reason: string): void {
    this.log.error({ reason }, 'RTMS stream given up');
    this.finish();
    this.flush();
  }

  private connectSignaling(): void {
    if (this.stopped) return;
    this.signalingReady = false;
    const ws = this.socket(this.stream.serverUrls, 'signaling');
    this.signaling = ws;
    ws.on('open', () =>
      this.send(ws, {
        msg_type: MsgType.SIGNALING_HAND_SHAKE_REQ,
        protocol_version: 1,
        sequence: ++this.sequence,
        meeting_uuid: this.stream.meetingUuid,
        rtms_stream_id: this.stream.rtmsStreamId,
        signature: this.signature,
      }),
    );
    ws.on('message', (data) => this.onSignaling(ws, data));
    ws.on('close', () => {
      this.forget(ws);
      if (this.signaling !== ws) return;
      this.signaling = null;
      this.signalingReady = false;
      // Media is useless without its signaling connection: Zoom pairs them, so both are made again.
      const media = this.media;
      this.media = null;
      this.closeSocket(media);
      this.scheduleReconnect('signaling');
    });
  }

  private connectMedia(url: string): void {
    if (this.stopped) return;
    this.mediaUrl = url;
    const ws = this.socket(url, 'media');
    this.media = ws;
    ws.on('open', () =>
      this.send(ws, {
        msg_type: MsgType.DATA_HAND_SHAKE_REQ,
        protocol_version: 1,
        sequence: ++this.sequence,
        meeting_uuid: this.stream.meetingUuid,
        rtms_stream_id: this.stream.rtmsStreamId,
        signature: this.signature,
        media_type: MEDIA_TYPE_TRANSCRIPT,
        payload_encryption: false,
        media_params: { transcript: { content_type: CONTENT_TYPE_TEXT } },
      }),
    );
    ws.on('message', (data) => this.onMedia(ws, data));
    ws.on('close', () => {
      this.forget(ws);
      if (this.media !== ws) return;
      this.media = null;
      this.scheduleReconnect(this.signalingReady ? 'media' : 'signaling');
    });
  }

  private socket(url: string, kind: 'signaling' | 'media'): WebSocket {
    const ws = new WebSocket(url, { handshakeTimeout: 10_000, maxPayload: 1 << 20 });
    ws.on('error', (error) => this.log.warn({ err: error, kind }, 'RTMS socket error'));
    ws.on('open', () => this.heard(ws));
    return ws;
  }

  private onSignaling(ws: WebSocket, data: RawData): void {
    if (ws !== this.signaling) return;
    this.heard(ws);
    const frame = parseFrame(text(data));
    if (!frame) return;
    switch (frame.msgType) {
      case MsgType.SIGNALING_HAND_SHAKE_RESP: {
        const response = HandshakeResponse.safeParse(frame.message);
        if (!response.success) return this.log.warn('malformed RTMS signaling handshake response');
        if (response.data.status_code !== StatusCode.OK) return this.refused(ws, 'signaling', response.data);
        const urls = response.data.media_server?.server_urls;
        const url = urls?.transcript ?? urls?.all;
        if (!url || !this.client.allowed(url))
          return this.giveUp(`media server URL ${url ?? '(none)'} missing or refused by the server URL policy`);
        this.signalingReady = true;
        this.connectMedia(url);
        return;
      }
      case MsgType.KEEP_ALIVE_REQ:
        return this.answerKeepAlive(ws, frame.message);
      case MsgType.STREAM_STATE_UPDATE: {
        const update = StreamStateUpdate.safeParse(frame.message);
        if (update.success && update.data.state === StreamState.TERMINATED) {
          this.log.info({ reason: update.data.reason }, 'RTMS stream terminated by Zoom');
          this.finish();
          this.flush();
        }
        return;
      }
    }
  }

  private onMedia(ws: WebSocket, data: RawData): void {
    if (ws !== this.media) return;
    this.heard(ws);
    const frame = parseFrame(text(data));
    if (!frame) return;
    switch (frame.msgType) {
      case MsgType.DATA_HAND_SHAKE_RESP: {
        const response = HandshakeResponse.safeParse(frame.message);
        if (!response.success) return this.log.warn('malformed RTMS media handshake response');
        if (response.data.status_code !== StatusCode.OK) return this.refused(ws, 'media', response.data);
        this.attempts = 0;
        if (this.signaling)
          this.send(this.signaling, { msg_type: MsgType.CLIENT_READY_ACK, rtms_stream_id: this.stream.rtmsStreamId });
        return;
      }
      case MsgType.KEEP_ALIVE_REQ:
        return this.answerKeepAlive(ws, frame.message);
      case MsgType.MEDIA_DATA_TRANSCRIPT: {
        const message = TranscriptMessage.safeParse(frame.message);
        if (!message.success) return this.log.warn('malformed RTMS transcript message');
        return this.enqueue(this.segmentOf(message.data));
      }
    }
  }

  private refused(ws: WebSocket, kind: string, response: { status_code: number; reason?: string | null }): void {
    const details = { kind, statusCode: response.status_code, reason: response.reason };
    if (FATAL_STATUS_CODES.has(response.status_code))
      return this.giveUp(`${kind} handshake refused: ${response.status_code}`);
    this.log.warn(details, 'RTMS handshake refused; retrying');
    // Closing runs the socket's close handler, which schedules the retry.
    ws.close();
  }

  private answerKeepAlive(ws: WebSocket, message: unknown): void {
    const request = KeepAliveRequest.safeParse(message);
    if (request.success) this.send(ws, { msg_type: MsgType.KEEP_ALIVE_RESP, timestamp: request.data.timestamp });
  }

  private scheduleReconnect(kind: 'signaling' | 'media'): void {
    if (this.stopped || this.reconnectTimer) return;
    const { maxReconnectAttempts, reconnectBaseDelayMs, reconnectMaxDelayMs } = this.client.settings;
    if (this.attempts >= maxReconnectAttempts)
      return this.giveUp(`no working connection after ${this.attempts} reconnection attempts`);
    const backoff = Math.min(reconnectBaseDelayMs * 2 ** this.attempts, reconnectMaxDelayMs);
    // Jitter spreads the reconnections of many meetings after one network blip.
    const delay = Math.round(backoff * (0.8 + Math.random() * 0.4));
    this.attempts += 1;
    this.log.info({ kind, attempt: this.attempts, delay }, 'RTMS connection lost; reconnecting');
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (kind === 'media' && this.signalingReady && this.signaling && this.mediaUrl)
        return this.connectMedia(this.mediaUrl);
      const signaling = this.signaling;
      this.signaling = null;
      this.closeSocket(signaling);
      this.connectSignaling();
    }, delay);
  }

  /** Restarts a socket's silence timer; when it runs out the socket is dropped, and its close handler reconnects. */
  private heard(ws: WebSocket): void {
    const previous = this.silence.get(ws);
    if (previous) clearTimeout(previous);
    const timer = setTimeout(() => {
      this.log.warn('RTMS socket silent too long; reconnecting');
      ws.terminate();
    }, this.client.settings.silenceTimeoutMs);
    timer.unref();
    this.silence.set(ws, timer);
  }

  private forget(ws: WebSocket): void {
    const timer = this.silence.get(ws);
    if (timer) clearTimeout(timer);
    this.silence.delete(ws);
  }

  private closeSocket(ws: WebSocket | null): void {
    if (!ws) return;
    this.forget(ws);
    if (ws.readyState === WebSocket.CONNECTING) ws.terminate();
    else if (ws.readyState === WebSocket.OPEN) ws.close(1000);
  }

  private send(ws: WebSocket, message: object): void {
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(message));
  }

  private segmentOf(message: TranscriptMessage): TranscriptSegmentUpsert {
    const { user_id: userId, data, timestamp, start_time: startTime, end_time: endTime } = message.content;
    const offset = (at: number) => Math.min(MAX_OFFSET_MS, Math.max(0, Math.round(at - this.stream.startedAtMs)));
    const startMs = offset(startTime ?? timestamp);
    return {
      // An utterance is its speaker and its start: a redelivery after a reconnect gets the same id.
      segmentId: `zoom-${createHash('sha256')
        .update(JSON.stringify([userId, startTime ?? null, timestamp]))
        .digest('hex')
        .slice(0, 32)}`,
      speaker: this.client.speakerOf(this.stream.meetingUuid, userId),
      text: data.trim().slice(0, MAX_TEXT),
      startMs,
      endMs: Math.max(startMs, offset(endTime ?? timestamp)),
      final: true,
    };
  }

  private enqueue(segment: TranscriptSegmentUpsert): void {
    if (!segment.text || this.seen.has(segment.segmentId)) return;
    this.seen.add(segment.segmentId);
    this.pending.push(segment);
    if (this.pending.length >= MAX_BATCH) return this.flush();
    this.flushTimer ??= setTimeout(() => this.flush(), this.client.settings.batchWindowMs);
  }

  /** Hands what is pending to the sink after everything handed over before it. */
  private flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, MAX_BATCH);
      this.delivery = this.delivery.then(() => this.deliver(batch));
    }
  }

  private async deliver(batch: TranscriptSegmentUpsert[]): Promise<void> {
    const { sink, deliveryAttempts } = this.client.settings;
    for (let attempt = 1; ; attempt += 1) {
      try {
        await sink.segments(this.stream.tenantId, this.stream.callId, batch);
        return;
      } catch (error) {
        if (attempt >= deliveryAttempts) {
          // Forgotten so that a redelivery from Zoom can still fill the gap.
          for (const segment of batch) this.seen.delete(segment.segmentId);
          this.log.error({ err: error, lost: batch.length }, 'transcript segments could not be delivered');
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** (attempt - 1)));
      }
    }
  }
}

function text(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.from(data).toString('utf8');
}
