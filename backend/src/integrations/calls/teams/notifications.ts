import express, { Router, type Request, type Response } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { TranscriptSegmentUpsert } from '@sdr/shared';
import { fieldErrors, sendProblem } from '../../../api/problems.ts';
import type { Logger } from '../../../logger.ts';
import type { CallSink, PlatformAccounts } from '../call-sink.ts';
import type { CallTranscript, TeamsGraph, TranscriptRef } from './graph-client.ts';
import {
  organizerFromMeetingId,
  recreateSubscription,
  renewSubscription,
  transcriptResourceKind,
  type SubscriptionStore,
  type TeamsSubscriptionRecord,
} from './subscriptions.ts';
import { cuesToSegments, parseVtt, voicesOf } from './vtt.ts';

export type { SubscriptionStore, TeamsSubscriptionRecord } from './subscriptions.ts';

/**
 * `POST /webhooks/teams` (change notifications) and `POST /webhooks/teams/lifecycle` (lifecycle notifications) for
 * Microsoft Graph subscriptions to Teams transcripts. Either path takes either kind, since Graph allows one URL for
 * both.
 *
 * - A `?validationToken=` request (Graph checking the URL while creating a subscription) is answered at once with
 *   the decoded token as `text/plain`.
 * - A notification collection is acknowledged with 202 as soon as its shape is known to be right (Graph wants an
 *   answer within 3 seconds), then worked in the background. Each item must name a subscription we hold and echo
 *   its `clientState` (compared in constant time); any other item is counted and dropped unread.
 * - A transcript `created` fetches the transcript and its WebVTT content and delivers it to the call sink as one
 *   finished call: start (platform `teams`, externalId = the meeting id), segments, end. Delivered transcripts are
 *   remembered by id, so a notification that arrives twice is delivered once.
 * - `reauthorizationRequired` renews the subscription; `subscriptionRemoved` creates a new one and catches up;
 *   `missed` lists the transcripts since the last one delivered and delivers those not yet seen.
 */

/** The sink takes at most this many segments per call, as `POST /v1/calls/:id/segments` does. */
const SEGMENT_BATCH = 500;
/**
 * How far before the last delivered transcript a catch-up looks. Watermarks are transcript creation times, and a
 * long meeting's transcript is created (and delivered) after a short one that started later.
 */
const DEFAULT_CATCH_UP_LOOKBACK_MS = 24 * 3_600_000;

export type RepPredicate = (
  speaker: string,
  context: { tenantId: string; entraTenantId: string; organizerUserId: string; meetingId: string },
) => boolean | Promise<boolean>;

export interface TeamsNotificationDeps {
  sink: CallSink;
  accounts: PlatformAccounts;
  graph: TeamsGraph;
  subscriptions: SubscriptionStore;
  /** Whether a voice in the transcript (the speaker's display name as Teams writes it) is the tenant's rep. */
  isRep: RepPredicate;
  logger: Logger;
  /**
   * The Entra user ids whose meetings a tenant-wide subscription covers, for catching up after `missed` (Graph lists
   * transcripts per organizer only). Without it, a tenant-wide catch-up is logged and counted, not attempted.
   */
  organizers?: (entraTenantId: string) => Promise<string[]>;
  now?: () => number;
  /** How far before the watermark a catch-up lists: 24 hours unless given. */
  catchUpLookbackMs?: number;
  /** 1mb unless given. */
  bodyLimit?: string;
}

export interface TeamsNotificationStats {
  /** Items received in notification collections. */
  received: number;
  /** Transcripts delivered to the sink. */
  delivered: number;
  /** Transcripts already delivered or being delivered when asked again. */
  duplicates: number;
  invalidItems: number;
  unknownSubscription: number;
  clientStateMismatch: number;
  /** Items whose `tenantId` is not the subscription's tenant. */
  tenantMismatch: number;
  /** Entra tenants no workspace is linked to. */
  unknownAccount: number;
  /** Change types, resources or lifecycle events this receiver does not act on. */
  unsupported: number;
  /** Transcripts whose organizer could not be worked out (needed to read them). */
  unresolvedOrganizer: number;
  /** Transcripts with no usable cue. */
  emptyTranscripts: number;
  /** Cue blocks that were skipped in delivered transcripts. */
  skippedCues: number;
  renewed: number;
  recreated: number;
  catchUps: number;
  catchUpUnavailable: number;
  /** Work that threw (Graph refused or stayed down, the sink failed…); logged with the subscription id. */
  failed: number;
}

export type TeamsNotificationsRouter = Router & {
  readonly stats: TeamsNotificationStats;
  /** Resolves once every notification received so far has been worked (for tests and graceful shutdown). */
  settled(): Promise<void>;
  /** Delivers the subscription's transcripts not yet delivered, as a `missed` notification would. */
  catchUp(subscriptionId: string): Promise<void>;
};

const LIFECYCLE_EVENTS = ['reauthorizationRequired', 'subscriptionRemoved', 'missed'] as const;

const NotificationCollection = z.object({
  value: z.array(z.unknown()).min(1).max(1000),
  validationTokens: z.array(z.string()).optional(),
});

const ChangeNotification = z.object({
  subscriptionId: z.string().min(1).max(256),
  clientState: z.string().max(1024).nullish(),
  changeType: z.string().max(64).nullish(),
  resource: z.string().max(4096).nullish(),
  resourceData: z
    .object({ id: z.string().max(1024).nullish() })
    .loose()
    .nullish(),
  tenantId: z.string().max(256).nullish(),
  subscriptionExpirationDateTime: z.string().nullish(),
  lifecycleEvent: z.string().max(64).nullish(),
});
type ChangeNotification = z.infer<typeof ChangeNotification>;

const hasMarkupOrControls = (text: string) =>
  [...text].some((char) => char === '<' || char === '>' || char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f);

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/** Equal-length digests make the comparison constant-time whatever the lengths of the inputs. */
export function sameSecret(received: string | null | undefined, expected: string): boolean {
  if (typeof received !== 'string') return false;
  return timingSafeEqual(digest(received), digest(expected));
}

/**
 * The meeting and transcript ids (and the organizer, when the path names one) of a transcript resource, in the
 * forms Graph uses: `communications/onlineMeetings('{m}')/transcripts('{t}')`,
 * `users/{u}/onlineMeetings/{m}/transcripts/{t}` and mixes of both.
 */
export function parseTranscriptResource(
  resource: string,
): { organizerUserId: string | null; meetingId: string; transcriptId: string } | null {
  const segments: { name: string; key: string | null }[] = [];
  const path = resource.replace(/^\/+/, '').replace(/\?.*$/, '');
  const token = /([^/()']+)(?:\('((?:[^']|'')*)'\))?(?:\/|$)/y;
  for (let match = token.exec(path); match; match = token.exec(path)) {
    segments.push({ name: match[1]!, key: match[2] === undefined ? null : match[2].replace(/''/g, "'") });
    if (token.lastIndex >= path.length) break;
  }
  if (token.lastIndex < path.length) return null;
  const keyed: { name: string; key: string }[] = [];
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    if (segment.key !== null) keyed.push({ name: segment.name, key: segment.key });
    else if (segment.name.toLowerCase() === 'communications') keyed.push({ name: 'communications', key: '' });
    else {
      const next = segments[i + 1];
      if (!next || next.key !== null) return null;
      let key: string;
      try {
        key = decodeURIComponent(next.name);
      } catch {
        return null;
      }
      keyed.push({ name: segment.name, key });
      i++;
    }
  }
  const names = keyed.map((segment) => segment.name.toLowerCase()).join('/');
  const byName = (name: string) => keyed.find((segment) => segment.name.toLowerCase() === name)?.key ?? '';
  if (names !== 'communications/onlinemeetings/transcripts' && names !== 'users/onlinemeetings/transcripts')
    return null;
  const meetingId = byName('onlinemeetings');
  const transcriptId = byName('transcripts');
  if (!meetingId || !transcriptId) return null;
  return { organizerUserId: names.startsWith('users') ? byName('users') : null, meetingId, transcriptId };
}

const isoOrUndefined = (value: string | null | undefined): string | undefined => {
  if (!value) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
};

export const transcriptKey = (entraTenantId: string, meetingId: string, transcriptId: string) =>
  `teams:${entraTenantId}:${meetingId}:${transcriptId}`;

export function teamsNotifications(deps: TeamsNotificationDeps): TeamsNotificationsRouter {
  const log = deps.logger.child({ integration: 'teams' });
  const now = deps.now ?? Date.now;
  const stats: TeamsNotificationStats = {
    received: 0,
    delivered: 0,
    duplicates: 0,
    invalidItems: 0,
    unknownSubscription: 0,
    clientStateMismatch: 0,
    tenantMismatch: 0,
    unknownAccount: 0,
    unsupported: 0,
    unresolvedOrganizer: 0,
    emptyTranscripts: 0,
    skippedCues: 0,
    renewed: 0,
    recreated: 0,
    catchUps: 0,
    catchUpUnavailable: 0,
    failed: 0,
  };
  const tasks = new Set<Promise<void>>();
  const inFlight = new Set<string>();
  // Lifecycle work on one subscription runs one at a time: Graph repeats reauthorizationRequired every few minutes.
  const chains = new Map<string, Promise<void>>();

  const background = (work: () => Promise<void>) => {
    const task = work()
      .catch((error: unknown) => {
        stats.failed++;
        log.error({ err: error }, 'Teams notification work failed');
      })
      .finally(() => tasks.delete(task));
    tasks.add(task);
  };

  const serial = (key: string, work: () => Promise<void>): Promise<void> => {
    const previous = chains.get(key) ?? Promise.resolve();
    const next = previous.then(work, work);
    const tail = next.catch(() => undefined);
    chains.set(key, tail);
    void tail.then(() => {
      if (chains.get(key) === tail) chains.delete(key);
    });
    return next;
  };

  const subscriptionDeps = { graph: deps.graph, subscriptions: deps.subscriptions, now };

  async function deliverTranscript(
    record: TeamsSubscriptionRecord,
    ref: TranscriptRef,
    known?: CallTranscript,
  ): Promise<void> {
    const key = transcriptKey(record.entraTenantId, ref.meetingId, ref.transcriptId);
    if (inFlight.has(key)) {
      stats.duplicates++;
      return;
    }
    inFlight.add(key);
    try {
      if (await deps.subscriptions.wasDelivered(key)) {
        stats.duplicates++;
        return;
      }
      // Entra tenant ids are GUIDs; workspaces register them lower-cased.
      const tenantId = await deps.accounts.tenantFor('teams', record.entraTenantId.toLowerCase());
      if (!tenantId) {
        stats.unknownAccount++;
        log.warn(
          { entraTenantId: record.entraTenantId },
          'Teams transcript for an Entra tenant no workspace is linked to',
        );
        return;
      }
      const transcript = known ?? (await deps.graph.getTranscript(record.entraTenantId, ref));
      const content = await deps.graph.getTranscriptContent(record.entraTenantId, ref);
      const parsed = parseVtt(content);
      const context = {
        tenantId,
        entraTenantId: record.entraTenantId,
        organizerUserId: ref.organizerUserId,
        meetingId: ref.meetingId,
      };
      const reps = new Map<string, boolean>();
      for (const voice of voicesOf(parsed.cues)) reps.set(voice, await deps.isRep(voice, context));
      const converted = cuesToSegments(parsed.cues, {
        isRep: (voice) => reps.get(voice) ?? false,
        namespace: ref.transcriptId,
      });
      const skipped = parsed.skipped + converted.skipped;
      stats.skippedCues += skipped;
      if (skipped > 0)
        log.warn(
          { transcriptId: ref.transcriptId, skipped, issues: [...parsed.issues, ...converted.issues].slice(0, 5) },
          'Teams transcript had unreadable cues',
        );
      if (converted.segments.length === 0) {
        // Nothing was said that we can show: no call, but no point fetching it again either.
        stats.emptyTranscripts++;
        await deps.subscriptions.delivered(key, record.subscriptionId, transcript.createdDateTime);
        return;
      }
      const startedAt = isoOrUndefined(transcript.createdDateTime);
      const call = await deps.sink.start(tenantId, {
        platform: 'teams',
        externalId: ref.meetingId,
        ...(startedAt ? { startedAt } : {}),
      });
      await deliverSegments(tenantId, call.callId, converted.segments);
      await deps.sink.end(tenantId, call.callId, endOf(transcript, converted.segments));
      await deps.subscriptions.delivered(key, record.subscriptionId, transcript.createdDateTime);
      stats.delivered++;
      log.info({ tenantId, callId: call.callId, segments: converted.segments.length }, 'Teams transcript delivered');
    } finally {
      inFlight.delete(key);
    }
  }

  async function deliverSegments(tenantId: string, callId: string, segments: TranscriptSegmentUpsert[]) {
    for (let i = 0; i < segments.length; i += SEGMENT_BATCH)
      await deps.sink.segments(tenantId, callId, segments.slice(i, i + SEGMENT_BATCH));
  }

  function endOf(transcript: CallTranscript, segments: TranscriptSegmentUpsert[]): string | undefined {
    const ended = isoOrUndefined(transcript.endDateTime);
    if (ended) return ended;
    const started = isoOrUndefined(transcript.createdDateTime);
    if (!started) return undefined;
    const lastMs = Math.max(...segments.map((segment) => segment.endMs));
    return new Date(Date.parse(started) + lastMs).toISOString();
  }

  async function onChange(record: TeamsSubscriptionRecord, item: ChangeNotification): Promise<void> {
    if (item.changeType !== 'created' || !item.resource) {
      stats.unsupported++;
      return;
    }
    const resource = parseTranscriptResource(item.resource);
    if (!resource) {
      stats.unsupported++;
      log.warn({ subscriptionId: record.subscriptionId }, 'Teams notification for a resource that is not a transcript');
      return;
    }
    const organizerUserId =
      resource.organizerUserId ?? record.organizerUserId ?? organizerFromMeetingId(resource.meetingId);
    if (!organizerUserId) {
      stats.unresolvedOrganizer++;
      log.warn({ subscriptionId: record.subscriptionId }, 'Teams transcript whose organizer is unknown; not fetched');
      return;
    }
    await deliverTranscript(record, {
      organizerUserId,
      meetingId: resource.meetingId,
      transcriptId: item.resourceData?.id || resource.transcriptId,
    });
  }

  async function catchUpRecord(record: TeamsSubscriptionRecord): Promise<void> {
    const kind = transcriptResourceKind(record.resource);
    const watermark = Date.parse(record.lastTranscriptAt ?? record.createdAt);
    const since = new Date(
      (Number.isNaN(watermark) ? now() : watermark) - (deps.catchUpLookbackMs ?? DEFAULT_CATCH_UP_LOOKBACK_MS),
    ).toISOString();
    const found: { organizerUserId: string; transcript: CallTranscript }[] = [];
    if (kind?.kind === 'meeting') {
      const organizerUserId = record.organizerUserId ?? organizerFromMeetingId(kind.meetingId);
      if (!organizerUserId) {
        stats.catchUpUnavailable++;
        return;
      }
      const transcripts = await deps.graph.listMeetingTranscripts(record.entraTenantId, {
        organizerUserId,
        meetingId: kind.meetingId,
      });
      for (const transcript of transcripts) found.push({ organizerUserId, transcript });
    } else {
      let organizers: string[];
      if (kind?.kind === 'organizer') organizers = [record.organizerUserId ?? kind.userId];
      else if (deps.organizers) organizers = await deps.organizers(record.entraTenantId);
      else {
        stats.catchUpUnavailable++;
        log.warn({ subscriptionId: record.subscriptionId }, 'No organizer list for a tenant-wide Teams catch-up');
        return;
      }
      for (const organizerUserId of organizers) {
        const transcripts = await deps.graph.listOrganizerTranscripts(record.entraTenantId, { organizerUserId, since });
        for (const transcript of transcripts) found.push({ organizerUserId, transcript });
      }
    }
    const createdAt = (transcript: CallTranscript) => Date.parse(transcript.createdDateTime ?? '');
    const sinceMs = Date.parse(since);
    const fresh = found
      // Meeting-level lists are not filtered by Graph; a transcript without a creation time is kept to be safe.
      .filter(({ transcript }) => !(createdAt(transcript) < sinceMs))
      .sort((a, b) => (createdAt(a.transcript) || 0) - (createdAt(b.transcript) || 0));
    for (const { organizerUserId, transcript } of fresh) {
      try {
        await deliverTranscript(
          record,
          { organizerUserId, meetingId: transcript.meetingId, transcriptId: transcript.id },
          transcript,
        );
      } catch (error) {
        // One transcript that cannot be read must not stop the rest of the catch-up.
        stats.failed++;
        log.error(
          { err: error, subscriptionId: record.subscriptionId },
          'Teams catch-up could not deliver a transcript',
        );
      }
    }
    stats.catchUps++;
  }

  async function onLifecycle(subscriptionId: string, event: string): Promise<void> {
    // Each step reads the record afresh: an earlier notice may have renewed or replaced the subscription meanwhile,
    // and a repeated notice for one already replaced then finds nothing to do.
    switch (event) {
      case 'reauthorizationRequired':
        return serial(subscriptionId, async () => {
          const current = await deps.subscriptions.get(subscriptionId);
          if (!current) return;
          const outcome = await renewSubscription(subscriptionDeps, current);
          if ('renewed' in outcome) stats.renewed++;
          else {
            stats.recreated++;
            await catchUpRecord(outcome.recreated);
          }
        });
      case 'subscriptionRemoved':
        return serial(subscriptionId, async () => {
          const current = await deps.subscriptions.get(subscriptionId);
          if (!current) return;
          const recreated = await recreateSubscription(subscriptionDeps, current);
          stats.recreated++;
          await catchUpRecord(recreated);
        });
      case 'missed':
        return serial(subscriptionId, async () => {
          const current = await deps.subscriptions.get(subscriptionId);
          if (current) await catchUpRecord(current);
        });
      default:
        stats.unsupported++;
    }
  }

  async function onItem(raw: unknown): Promise<void> {
    stats.received++;
    const parsed = ChangeNotification.safeParse(raw);
    if (!parsed.success) {
      stats.invalidItems++;
      return;
    }
    const item = parsed.data;
    const record = await deps.subscriptions.get(item.subscriptionId);
    if (!record) {
      stats.unknownSubscription++;
      log.warn({ subscriptionId: item.subscriptionId }, 'Teams notification for a subscription we do not hold');
      return;
    }
    if (!sameSecret(item.clientState, record.clientState)) {
      stats.clientStateMismatch++;
      log.warn({ subscriptionId: item.subscriptionId }, 'Teams notification with the wrong clientState; ignored');
      return;
    }
    if (item.tenantId && item.tenantId.toLowerCase() !== record.entraTenantId.toLowerCase()) {
      stats.tenantMismatch++;
      log.warn({ subscriptionId: item.subscriptionId }, 'Teams notification from another tenant; ignored');
      return;
    }
    if (item.lifecycleEvent) {
      if (!(LIFECYCLE_EVENTS as readonly string[]).includes(item.lifecycleEvent)) stats.unsupported++;
      else await onLifecycle(record.subscriptionId, item.lifecycleEvent);
      return;
    }
    await onChange(record, item);
  }

  const router = Router();

  // Graph's URL check comes as a POST with the token in the query and an empty text body; nothing else is read.
  const answerValidation = (req: Request, res: Response, next: () => void) => {
    const token = req.query.validationToken;
    if (token === undefined) return next();
    // Graph never sends markup or control characters in a token: refusing them keeps this from reflecting a script.
    if (typeof token !== 'string' || token.length === 0 || token.length > 4096 || hasMarkupOrControls(token))
      return sendProblem(res, 400, 'The validationToken is not one Microsoft Graph would send', [
        { field: 'query.validationToken', message: 'invalid' },
      ]);
    res.status(200).set('X-Content-Type-Options', 'nosniff').type('text/plain').send(token);
  };

  const receive = (req: Request, res: Response) => {
    let body: unknown = req.body;
    if (typeof body === 'string' || Buffer.isBuffer(body)) {
      const text = body.toString();
      try {
        body = JSON.parse(text);
      } catch {
        return sendProblem(res, 400, 'The body is not JSON', [{ field: 'body', message: 'not JSON' }]);
      }
    }
    const collection = NotificationCollection.safeParse(body);
    if (!collection.success) {
      const errors = fieldErrors('body', collection.error);
      return sendProblem(res, 400, errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
    }
    res.status(202).end();
    const items = collection.data.value;
    // Items of one delivery are worked in order; deliveries run side by side.
    background(async () => {
      for (const item of items) {
        try {
          await onItem(item);
        } catch (error) {
          stats.failed++;
          log.error({ err: error }, 'Teams notification item failed');
        }
      }
    });
  };

  const parseBody = express.text({ type: () => true, limit: deps.bodyLimit ?? '1mb' });
  for (const path of ['/webhooks/teams', '/webhooks/teams/lifecycle'])
    router.post(path, answerValidation, parseBody, receive);

  const settled = async () => {
    while (tasks.size > 0) await Promise.allSettled([...tasks]);
  };

  const catchUp = async (subscriptionId: string) => {
    if (!(await deps.subscriptions.get(subscriptionId))) throw new Error(`No Teams subscription ${subscriptionId}`);
    await onLifecycle(subscriptionId, 'missed');
  };

  return Object.assign(router, { stats, settled, catchUp });
}
