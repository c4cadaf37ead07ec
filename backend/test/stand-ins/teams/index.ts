/**
 * A local Microsoft identity platform and Microsoft Graph, enough for Teams meeting transcripts:
 *
 * - `POST {loginUrl}/{tenant}/oauth2/v2.0/token`: the client-credentials grant for one app (client id and secret),
 *   consented to by the listed tenants; refusals carry the identity platform's `error`/AADSTS bodies.
 * - `{graphUrl}/subscriptions` (create, list, get, renew with PATCH, reauthorize, delete) on the transcript
 *   resources `communications/onlineMeetings/getAllTranscripts`, `users/{id}/onlineMeetings/getAllTranscripts` and
 *   `communications/onlineMeetings/{meetingId}/transcripts`, with Graph's documented rules: `created` only, at most
 *   4,320 minutes, a `lifecycleNotificationUrl` beyond one hour, and both URLs validated (POST `?validationToken=`,
 *   answered within 10 s as 200 `text/plain` with exactly the decoded token) before the subscription exists.
 * - `{graphUrl}/users/{organizer}/onlineMeetings/{meetingId}/transcripts[/{id}[/content]]` and
 *   `…/onlineMeetings/getAllTranscripts(meetingOrganizerUserId='…',startDateTime=…,endDateTime=…)`, paged with
 *   `$top` and `@odata.nextLink`; content is `text/vtt`. App-only reads need the `OnlineMeetingTranscript.Read.All`
 *   role and, when `accessPolicyUsers` is set, an application access policy covering the organizer.
 *
 * Tests publish transcripts (which notifies every subscription covering them that existed before transcription
 * started, as Graph does), send lifecycle notifications, post anything anywhere, plan failures with `failNext`, and
 * read `requests` and `deliveries`. Not modelled: notifications with encrypted resource data, JWT validation tokens,
 * delivery retries, channel meetings, ad hoc calls.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultPlan, type Fault } from './faults.ts';
import { createHttpApp, type RecordedRequest } from './http-app.ts';
import { Directory } from './identity.ts';
import { Subscriptions, type Delivery, type StandInSubscription } from './subscriptions.ts';
import { TranscriptStore, type NewTranscript, type StandInTranscript } from './transcripts.ts';

export type { Fault } from './faults.ts';
export type { RecordedRequest } from './http-app.ts';
export type { Delivery, StandInSubscription } from './subscriptions.ts';
export type { NewTranscript, StandInTranscript } from './transcripts.ts';
export { meetingIdFor } from './transcripts.ts';

export interface TeamsStandInOptions {
  clientId?: string;
  clientSecret?: string;
  /** Entra tenant ids that consented to the app: one random id unless given. */
  tenants?: string[];
  /** App roles in issued tokens: `OnlineMeetingTranscript.Read.All` unless given. */
  roles?: string[];
  /** 3,599 s unless given, as the identity platform issues. */
  tokenLifetimeSeconds?: number;
  /** Organizers an application access policy covers; every user when not given. */
  accessPolicyUsers?: string[];
  now?: () => Date;
  validationTimeoutMs?: number;
  /** Graph insists on HTTPS notification URLs; the stand-in accepts http too unless this is set. */
  requireHttps?: boolean;
}

export interface TeamsStandIn {
  readonly url: string;
  /** Give to the Graph client as its base URL (`/v1.0` included). */
  readonly graphUrl: string;
  /** Give to the Graph client as its login URL (tenant and `/oauth2/v2.0/token` are appended). */
  readonly loginUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The first consented tenant. */
  readonly tenantId: string;
  readonly requests: readonly RecordedRequest[];
  readonly deliveries: readonly Delivery[];
  subscriptions(tenantId?: string): StandInSubscription[];
  subscription(id: string): StandInSubscription | undefined;
  /** Stores a transcript without telling anyone (as when notifications were missed). */
  addTranscript(input: NewTranscript): StandInTranscript;
  /** Stores a transcript and notifies every subscription that covers it. */
  publishTranscript(input: NewTranscript): Promise<{ transcript: StandInTranscript; deliveries: Delivery[] }>;
  /** Sends a transcript's change notification for one subscription, optionally with another clientState. */
  notifyTranscript(
    subscriptionId: string,
    transcript: StandInTranscript,
    overrides?: { clientState?: string | null },
  ): Promise<Delivery>;
  /** Sends a lifecycle notification to the subscription's lifecycleNotificationUrl. */
  sendLifecycle(
    subscriptionId: string,
    event: 'reauthorizationRequired' | 'subscriptionRemoved' | 'missed',
    overrides?: { clientState?: string | null },
  ): Promise<Delivery>;
  /** Drops a subscription as Graph does before a subscriptionRemoved notice. */
  dropSubscription(id: string): StandInSubscription | undefined;
  /** Posts any body to any URL, recorded as a notification. */
  post(url: string, body: unknown): Promise<Delivery>;
  revokeTokens(): void;
  failNext(fault: Fault): void;
  clearFaults(): void;
  clearLogs(): void;
  close(): Promise<void>;
}

export async function startTeamsStandIn(options: TeamsStandInOptions = {}): Promise<TeamsStandIn> {
  const now = options.now ?? (() => new Date());
  const tenants = (options.tenants ?? [randomUUID()]).map((t) => t.toLowerCase());
  const directory = new Directory({
    clientId: options.clientId ?? randomUUID(),
    clientSecret: options.clientSecret ?? `standin~${randomBytes(24).toString('base64url')}`,
    tenants,
    roles: options.roles ?? ['OnlineMeetingTranscript.Read.All'],
    lifetimeSeconds: options.tokenLifetimeSeconds ?? 3_599,
  });
  const subscriptions = new Subscriptions({
    validationTimeoutMs: options.validationTimeoutMs ?? 10_000,
    requireHttps: options.requireHttps ?? false,
  });
  const transcripts = new TranscriptStore();
  const faults = new FaultPlan();
  const log: RecordedRequest[] = [];
  let base = '';
  const server = createServer(
    createHttpApp({
      directory,
      subscriptions,
      transcripts,
      faults,
      log,
      now,
      graphUrl: () => `${base}/v1.0`,
      accessPolicyUsers: options.accessPolicyUsers ? new Set(options.accessPolicyUsers) : null,
    }),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const find = (id: string) => {
    const subscription = subscriptions.list(now()).find((s) => s.id === id);
    if (!subscription) throw new Error(`No live subscription ${id} in the stand-in`);
    return subscription;
  };
  const addTranscript = (input: NewTranscript) => transcripts.add(input, { tenantId: tenants[0]!, now: now() });

  return {
    url: base,
    graphUrl: `${base}/v1.0`,
    loginUrl: `${base}/login`,
    clientId: directory.clientId,
    clientSecret: directory.clientSecret,
    tenantId: tenants[0]!,
    requests: log,
    deliveries: subscriptions.deliveries,
    subscriptions: (tenantId) => subscriptions.list(now(), tenantId?.toLowerCase()),
    subscription: (id) => subscriptions.list(now()).find((s) => s.id === id),
    addTranscript,
    publishTranscript: async (input) => {
      const transcript = addTranscript(input);
      const deliveries: Delivery[] = [];
      for (const s of subscriptions.matching(transcript, now()))
        deliveries.push(
          await subscriptions.post(
            'notification',
            s.notificationUrl,
            subscriptions.transcriptNotification(s, transcript),
          ),
        );
      return { transcript, deliveries };
    },
    notifyTranscript: (subscriptionId, transcript, overrides) => {
      const s = find(subscriptionId);
      return subscriptions.post(
        'notification',
        s.notificationUrl,
        subscriptions.transcriptNotification(s, transcript, overrides),
      );
    },
    sendLifecycle: (subscriptionId, event, overrides) => {
      const s = find(subscriptionId);
      // Graph has removed the subscription by the time it says so.
      if (event === 'subscriptionRemoved') subscriptions.remove(s.id);
      return subscriptions.post(
        'lifecycle',
        s.lifecycleNotificationUrl ?? s.notificationUrl,
        subscriptions.lifecycleNotification(s, event, overrides),
      );
    },
    dropSubscription: (id) => subscriptions.remove(id),
    post: (url, body) => subscriptions.post('notification', url, body),
    revokeTokens: () => directory.revokeAll(),
    failNext: (fault) => faults.failNext(fault),
    clearFaults: () => faults.clear(),
    clearLogs: () => {
      log.length = 0;
      subscriptions.deliveries.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
