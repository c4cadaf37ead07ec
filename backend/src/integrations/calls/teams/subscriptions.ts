import { randomBytes } from 'node:crypto';
import { GraphNotFoundError, type GraphSubscription, type TeamsGraph } from './graph-client.ts';

/**
 * Graph subscriptions to Teams transcripts, and the store that remembers them. A subscription lives in one Entra
 * tenant, carries a secret `clientState` that every notification must echo, and expires after at most three days;
 * lifecycle notifications ask for it to be renewed, say it was removed, or say notifications were missed.
 */

export interface TeamsSubscriptionRecord {
  subscriptionId: string;
  /** The Microsoft Entra tenant the subscription lives in; its app-only token manages the subscription. */
  entraTenantId: string;
  /** The secret Graph echoes in every notification; compared in constant time, never logged. */
  clientState: string;
  /** As given to Graph, e.g. `users/{id}/onlineMeetings/getAllTranscripts`. */
  resource: string;
  notificationUrl: string;
  lifecycleNotificationUrl: string;
  expirationDateTime: string;
  /**
   * The Entra user id of the meeting organizer whose transcripts the subscription covers (user- and meeting-level
   * resources); null for the tenant-wide resource. App-only reads of a transcript go through its organizer.
   */
  organizerUserId: string | null;
  createdAt: string;
  /** The `createdDateTime` of the newest transcript delivered through this subscription; a catch-up starts near it. */
  lastTranscriptAt: string | null;
}

/** Where subscriptions and delivered transcripts are remembered; implemented by the service that wires this in. */
export interface SubscriptionStore {
  get(subscriptionId: string): Promise<TeamsSubscriptionRecord | null>;
  add(record: TeamsSubscriptionRecord): Promise<void>;
  /** Records a renewal's new expiry. */
  renewed(subscriptionId: string, expirationDateTime: string): Promise<void>;
  remove(subscriptionId: string): Promise<void>;
  /** Subscriptions that expire before `at` (ISO 8601), for a renewal sweep. */
  expiringBefore(at: string): Promise<TeamsSubscriptionRecord[]>;
  /** Whether the transcript (key from `transcriptKey`) was delivered to the call sink already. */
  wasDelivered(transcriptKey: string): Promise<boolean>;
  /**
   * Remembers the transcript as delivered and, when `createdDateTime` is later than the subscription's
   * `lastTranscriptAt`, moves it forward (atomically, where the store can: notifications are handled concurrently).
   */
  delivered(transcriptKey: string, subscriptionId: string, createdDateTime: string | null): Promise<void>;
}

export interface SubscriptionDeps {
  graph: TeamsGraph;
  subscriptions: SubscriptionStore;
  now?: () => number;
}

/** The transcript resources Graph accepts subscriptions on (v1.0). */
export const transcriptResource = {
  /** Every transcript of every scheduled meeting in the tenant. */
  tenant: () => 'communications/onlineMeetings/getAllTranscripts',
  /** Transcripts of meetings organized by one user (a rep). */
  organizer: (userId: string) => `users/${userId}/onlineMeetings/getAllTranscripts`,
  /** Transcripts of one meeting. */
  meeting: (meetingId: string) => `communications/onlineMeetings/${meetingId}/transcripts`,
};

export type TranscriptResourceKind =
  { kind: 'tenant' } | { kind: 'organizer'; userId: string } | { kind: 'meeting'; meetingId: string };

/** Which of the three transcript resources a subscription's resource string is, or null for anything else. */
export function transcriptResourceKind(resource: string): TranscriptResourceKind | null {
  const path = resource.replace(/^\/+/, '').replace(/\?.*$/, '');
  if (/^communications\/onlineMeetings\/getAllTranscripts$/i.test(path)) return { kind: 'tenant' };
  const organizer = /^users(?:\('([^']+)'\)|\/([^/]+))\/onlineMeetings\/getAllTranscripts$/i.exec(path);
  if (organizer) return { kind: 'organizer', userId: decodeURIComponent(organizer[1] ?? organizer[2]!) };
  const meeting = /^communications\/onlineMeetings(?:\('((?:[^']|'')+)'\)|\/([^/]+))\/transcripts$/i.exec(path);
  if (meeting)
    return { kind: 'meeting', meetingId: meeting[1]?.replace(/''/g, "'") ?? decodeURIComponent(meeting[2]!) };
  return null;
}

/**
 * The organizer's Entra user id from an online meeting id. Graph's meeting ids are base64 of
 * `1*{organizerUserId}*0**{threadId}`; the format is observed rather than documented, so this is only a fallback for
 * tenant-wide subscriptions, whose notifications do not otherwise say who organized the meeting.
 */
export function organizerFromMeetingId(meetingId: string): string | null {
  let decoded: string;
  try {
    decoded = Buffer.from(meetingId, 'base64').toString('utf8');
  } catch {
    return null;
  }
  const match = /^\d+\*([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\*/i.exec(decoded);
  return match ? match[1]!.toLowerCase() : null;
}

/** A fresh `clientState`: 256 random bits, well under Graph's 128-character limit. */
export const newClientState = () => randomBytes(32).toString('base64url');

function organizerFor(resource: string, given: string | null | undefined): string | null {
  if (given) return given;
  const kind = transcriptResourceKind(resource);
  if (kind?.kind === 'organizer') return kind.userId;
  if (kind?.kind === 'meeting') return organizerFromMeetingId(kind.meetingId);
  return null;
}

function recordOf(
  entraTenantId: string,
  subscription: GraphSubscription,
  input: { clientState: string; organizerUserId: string | null; lastTranscriptAt: string | null },
  now: number,
  urls: { notificationUrl: string; lifecycleNotificationUrl: string },
): TeamsSubscriptionRecord {
  return {
    subscriptionId: subscription.id,
    entraTenantId: entraTenantId.toLowerCase(),
    clientState: input.clientState,
    resource: subscription.resource,
    notificationUrl: subscription.notificationUrl || urls.notificationUrl,
    lifecycleNotificationUrl: subscription.lifecycleNotificationUrl ?? urls.lifecycleNotificationUrl,
    expirationDateTime: subscription.expirationDateTime,
    organizerUserId: input.organizerUserId,
    createdAt: new Date(now).toISOString(),
    lastTranscriptAt: input.lastTranscriptAt,
  };
}

/**
 * Subscribes to `created` transcripts and remembers the subscription. Graph validates both URLs before it answers,
 * so the notification router must already be reachable at them.
 */
export async function createTranscriptSubscription(
  deps: SubscriptionDeps,
  input: {
    entraTenantId: string;
    resource: string;
    notificationUrl: string;
    lifecycleNotificationUrl: string;
    organizerUserId?: string | null;
    expirationDateTime?: string;
    lastTranscriptAt?: string | null;
  },
): Promise<TeamsSubscriptionRecord> {
  if (!transcriptResourceKind(input.resource)) throw new Error(`Not a Teams transcript resource: ${input.resource}`);
  const clientState = newClientState();
  const subscription = await deps.graph.createSubscription(input.entraTenantId, {
    resource: input.resource,
    notificationUrl: input.notificationUrl,
    lifecycleNotificationUrl: input.lifecycleNotificationUrl,
    clientState,
    ...(input.expirationDateTime ? { expirationDateTime: input.expirationDateTime } : {}),
  });
  const record = recordOf(
    input.entraTenantId,
    subscription,
    {
      clientState,
      organizerUserId: organizerFor(input.resource, input.organizerUserId),
      lastTranscriptAt: input.lastTranscriptAt ?? null,
    },
    (deps.now ?? Date.now)(),
    input,
  );
  await deps.subscriptions.add(record);
  return record;
}

/** Extends the subscription to the longest lifetime Graph allows (renewing also reauthorizes it). */
export async function renewSubscription(
  deps: SubscriptionDeps,
  record: TeamsSubscriptionRecord,
): Promise<{ renewed: TeamsSubscriptionRecord } | { recreated: TeamsSubscriptionRecord }> {
  try {
    const subscription = await deps.graph.renewSubscription(record.entraTenantId, record.subscriptionId);
    await deps.subscriptions.renewed(record.subscriptionId, subscription.expirationDateTime);
    return { renewed: { ...record, expirationDateTime: subscription.expirationDateTime } };
  } catch (error) {
    // Gone already (expired, or removed while we were away): the only way back is a new one.
    if (error instanceof GraphNotFoundError) return { recreated: await recreateSubscription(deps, record) };
    throw error;
  }
}

/**
 * Replaces a subscription Graph removed (or that expired) with a new one on the same resource and URLs, with a new
 * secret. The delivery watermark carries over, so a catch-up after it starts where the old one stopped.
 */
export async function recreateSubscription(
  deps: SubscriptionDeps,
  record: TeamsSubscriptionRecord,
): Promise<TeamsSubscriptionRecord> {
  const created = await createTranscriptSubscription(deps, {
    entraTenantId: record.entraTenantId,
    resource: record.resource,
    notificationUrl: record.notificationUrl,
    lifecycleNotificationUrl: record.lifecycleNotificationUrl,
    organizerUserId: record.organizerUserId,
    lastTranscriptAt: record.lastTranscriptAt ?? record.createdAt,
  });
  await deps.graph.deleteSubscription(record.entraTenantId, record.subscriptionId).catch(() => undefined);
  await deps.subscriptions.remove(record.subscriptionId);
  return created;
}

export async function deleteTranscriptSubscription(
  deps: SubscriptionDeps,
  record: TeamsSubscriptionRecord,
): Promise<void> {
  await deps.graph.deleteSubscription(record.entraTenantId, record.subscriptionId);
  await deps.subscriptions.remove(record.subscriptionId);
}

/**
 * Renews every subscription that expires within `withinMs` (12 hours unless given). Lifecycle notifications ask for
 * renewals too, but Graph documents them as no substitute for renewing before expiry; run this from a periodic job.
 */
export async function renewDueSubscriptions(
  deps: SubscriptionDeps,
  options: { withinMs?: number } = {},
): Promise<{ renewed: number; recreated: number; failed: { subscriptionId: string; error: unknown }[] }> {
  const now = (deps.now ?? Date.now)();
  const due = await deps.subscriptions.expiringBefore(
    new Date(now + (options.withinMs ?? 12 * 3_600_000)).toISOString(),
  );
  const summary = { renewed: 0, recreated: 0, failed: [] as { subscriptionId: string; error: unknown }[] };
  for (const record of due) {
    try {
      const outcome = await renewSubscription(deps, record);
      if ('renewed' in outcome) summary.renewed++;
      else summary.recreated++;
    } catch (error) {
      summary.failed.push({ subscriptionId: record.subscriptionId, error });
    }
  }
  return summary;
}
