import express, { Router, type Response } from 'express';
import { z } from 'zod';
import type { Clock } from '../../../clock.ts';
import type { Logger } from '../../../logger.ts';
import { fieldErrors, sendProblem } from '../../../api/problems.ts';
import type { CallSink, PlatformAccounts } from '../call-sink.ts';
import type { RtmsClient } from './rtms-client.ts';
import { encryptToken, timestampMs, verifyZoomSignature } from './signature.ts';

/**
 * `POST /webhooks/zoom`: Zoom's event notifications for the app. Mounted before `express.json()`, since the
 * signature covers the raw bytes; every request, the URL validation challenge included, must carry a valid
 * `x-zm-signature` (otherwise the challenge answer would sign any text an attacker chose, webhook signatures among
 * them). Zoom counts an answer slower than three seconds as a failure and retries, so RTMS connections and call
 * endings happen after the answer; retries are harmless (one consumer per meeting, a call per meeting uuid).
 */
export interface ZoomWebhookDeps {
  /** The app's webhook secret token; without it every request is answered 503. */
  secretToken: string | undefined;
  sink: CallSink;
  accounts: PlatformAccounts;
  /** Null when no RTMS credentials are configured: calls are then started and ended without transcripts. */
  rtms: RtmsClient | null;
  clock: Clock;
  logger: Logger;
}

const Envelope = z.object({
  event: z.string().min(1).max(200),
  event_ts: z.number().int().nonnegative().optional(),
  payload: z.record(z.string(), z.unknown()),
});

const Text = (max: number) => z.string().min(1).max(max);
const Id = z.union([Text(255), z.number().int().nonnegative()]).transform(String);

const UrlValidation = z.object({ plainToken: Text(256) });

const RtmsStarted = z.object({
  account_id: Text(255),
  meeting_uuid: Text(255),
  rtms_stream_id: Text(255),
  server_urls: Text(2048),
});

const RtmsStopped = z.object({ account_id: Text(255), meeting_uuid: Text(255), rtms_stream_id: Text(255) });

const MeetingEnded = z.object({
  account_id: Text(255),
  object: z.object({ uuid: Text(255), end_time: z.iso.datetime({ offset: true }).nullish() }),
});

const ParticipantJoined = z.object({
  account_id: Text(255),
  object: z.object({
    uuid: Text(255),
    host_id: z.string().nullish(),
    participant: z.object({ user_id: Id, id: z.string().nullish() }),
  }),
});

/** Calls started here, remembered so that `meeting.ended` finds its call without creating one for every meeting. */
const MAX_REMEMBERED_CALLS = 10_000;

/**
 * The RTMS events' fields sit in `payload` in Zoom's RTMS samples and SDK, and under `payload.object` in some
 * descriptions of them; both are read, `payload` winning.
 */
function rtmsFields(payload: Record<string, unknown>): Record<string, unknown> {
  const { object, ...rest } = payload;
  return typeof object === 'object' && object !== null && !Array.isArray(object)
    ? { ...(object as Record<string, unknown>), ...rest }
    : payload;
}

export function zoomWebhooks(deps: ZoomWebhookDeps): Router {
  const router = Router();
  const calls = new Map<string, { callId: string; startedAtMs: number }>();
  const callKey = (tenantId: string, meetingUuid: string) => `${tenantId}\u0000${meetingUuid}`;
  const remember = (key: string, call: { callId: string; startedAtMs: number }) => {
    calls.delete(key);
    if (calls.size >= MAX_REMEMBERED_CALLS) calls.delete(calls.keys().next().value!);
    calls.set(key, call);
  };

  const inBackground = (what: string, context: object, task: () => Promise<void>) => {
    void task().catch((error: unknown) =>
      deps.logger.error({ ...context, err: error, what }, 'Zoom webhook work failed'),
    );
  };

  /** The payload as the schema reads it, or a 400 already sent. */
  function read<T extends z.ZodType>(res: Response, schema: T, payload: unknown): z.infer<T> | undefined {
    const parsed = schema.safeParse(payload);
    if (parsed.success) return parsed.data;
    const errors = fieldErrors('body.payload', parsed.error);
    sendProblem(res, 400, errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
    return undefined;
  }

  /** The tenant of a Zoom account, or a 404 already sent. */
  async function tenantOf(res: Response, accountId: string): Promise<string | undefined> {
    const tenantId = await deps.accounts.tenantFor('zoom', accountId);
    if (!tenantId) sendProblem(res, 404, `No workspace for Zoom account ${accountId}`);
    return tenantId ?? undefined;
  }

  router.post('/webhooks/zoom', express.raw({ type: () => true, limit: '256kb' }), async (req, res) => {
    const secretToken = deps.secretToken;
    if (!secretToken) return sendProblem(res, 503, 'Zoom webhooks are not configured on this service');
    const rawBody = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
    const now = deps.clock.now().getTime();
    const verdict = verifyZoomSignature(
      secretToken,
      { rawBody, signature: req.get('x-zm-signature'), timestamp: req.get('x-zm-request-timestamp') },
      now,
    );
    if (!verdict.valid)
      return sendProblem(res, 401, `The request signature is not valid (${verdict.reason})`, [
        { field: 'headers.x-zm-signature', message: verdict.reason },
      ]);

    let parsed: unknown;
    try {
      parsed = JSON.parse(rawBody);
    } catch {
      return sendProblem(res, 400, 'The body is not JSON', [{ field: 'body', message: 'not JSON' }]);
    }
    const envelope = Envelope.safeParse(parsed);
    if (!envelope.success) {
      const errors = fieldErrors('body', envelope.error);
      return sendProblem(res, 400, errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
    }
    const { event, payload } = envelope.data;
    const eventAt = envelope.data.event_ts === undefined ? now : timestampMs(String(envelope.data.event_ts));

    switch (event) {
      case 'endpoint.url_validation': {
        const challenge = read(res, UrlValidation, payload);
        if (!challenge) return;
        res.status(200).json({
          plainToken: challenge.plainToken,
          encryptedToken: encryptToken(secretToken, challenge.plainToken),
        });
        return;
      }

      case 'meeting.rtms_started': {
        const started = read(res, RtmsStarted, rtmsFields(payload));
        if (!started) return;
        const tenantId = await tenantOf(res, started.account_id);
        if (!tenantId) return;
        const key = callKey(tenantId, started.meeting_uuid);
        // A stream restarted within a meeting keeps the call's clock: offsets stay relative to its start.
        const startedAtMs = calls.get(key)?.startedAtMs ?? eventAt;
        const call = await deps.sink.start(tenantId, {
          platform: 'zoom',
          externalId: started.meeting_uuid,
          startedAt: new Date(startedAtMs).toISOString(),
        });
        remember(key, { callId: call.callId, startedAtMs });
        if (call.status === 'live' && deps.rtms) {
          const outcome = deps.rtms.start({
            tenantId,
            callId: call.callId,
            meetingUuid: started.meeting_uuid,
            rtmsStreamId: started.rtms_stream_id,
            serverUrls: started.server_urls,
            startedAtMs,
          });
          deps.logger.info({ tenantId, callId: call.callId, outcome }, 'Zoom RTMS stream started');
        }
        res.status(204).end();
        return;
      }

      case 'meeting.rtms_stopped': {
        const stopped = read(res, RtmsStopped, rtmsFields(payload));
        if (!stopped) return;
        const tenantId = await tenantOf(res, stopped.account_id);
        if (!tenantId) return;
        const running = deps.rtms?.runningStream(stopped.meeting_uuid);
        if (running !== undefined && running !== stopped.rtms_stream_id) {
          // The stop of a stream that a later one already replaced: the meeting still streams.
          res.status(204).end();
          return;
        }
        const key = callKey(tenantId, stopped.meeting_uuid);
        inBackground('end call after rtms_stopped', { tenantId, meetingUuid: stopped.meeting_uuid }, async () => {
          // Everything received reaches the sink before the call ends.
          await deps.rtms?.stop(stopped.meeting_uuid);
          // After a restart of this service the call is unknown here; Zoom only stops streams it started, so
          // `start` finds the existing call.
          const callId =
            calls.get(key)?.callId ??
            (await deps.sink.start(tenantId, { platform: 'zoom', externalId: stopped.meeting_uuid })).callId;
          await deps.sink.end(tenantId, callId, new Date(eventAt).toISOString());
          calls.delete(key);
        });
        res.status(204).end();
        return;
      }

      case 'meeting.ended': {
        const ended = read(res, MeetingEnded, payload);
        if (!ended) return;
        const tenantId = await tenantOf(res, ended.account_id);
        if (!tenantId) return;
        const key = callKey(tenantId, ended.object.uuid);
        const known = calls.get(key);
        if (known || deps.rtms?.runningStream(ended.object.uuid) !== undefined) {
          inBackground('end call after meeting.ended', { tenantId, meetingUuid: ended.object.uuid }, async () => {
            await deps.rtms?.stop(ended.object.uuid);
            if (known)
              await deps.sink.end(tenantId, known.callId, ended.object.end_time ?? new Date(eventAt).toISOString());
            calls.delete(key);
          });
        }
        res.status(204).end();
        return;
      }

      case 'meeting.participant_joined': {
        if (!deps.rtms) break;
        const joined = read(res, ParticipantJoined, payload);
        if (!joined) return;
        const tenantId = await tenantOf(res, joined.account_id);
        if (!tenantId) return;
        const { participant, host_id: hostId, uuid } = joined.object;
        await deps.rtms.noteParticipant(tenantId, uuid, {
          participantId: participant.user_id,
          zoomUserId: participant.id,
          isHost: Boolean(participant.id && hostId && participant.id === hostId),
        });
        break;
      }
    }
    res.status(204).end();
  });
  return router;
}
