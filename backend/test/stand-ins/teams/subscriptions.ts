import { randomUUID } from 'node:crypto';
import { badRequest, GraphApiError } from './errors.ts';
import { graphTime, notificationResource, type StandInTranscript } from './transcripts.ts';

/**
 * Graph change-notification subscriptions on the transcript resources, and the HTTP calls Graph makes to
 * subscribers: the validation handshake when a subscription is created (a POST to each URL with
 * `?validationToken=`, which must come back within 10 s as 200 `text/plain` holding exactly the decoded token),
 * change notifications, and lifecycle notifications.
 */

export const MAX_TRANSCRIPT_MINUTES = 4_320;
const LIFECYCLE_URL_REQUIRED_AFTER_MINUTES = 60;

export interface StandInSubscription {
  id: string;
  tenantId: string;
  resource: string;
  changeType: string;
  clientState: string | null;
  notificationUrl: string;
  lifecycleNotificationUrl: string | null;
  expirationDateTime: Date;
  createdAt: Date;
  applicationId: string;
}

/** A POST this stand-in made to a subscriber. */
export interface Delivery {
  kind: 'validation' | 'notification' | 'lifecycle';
  url: string;
  body: unknown;
  status: number;
  contentType: string | null;
  responseText: string;
  error?: string;
}

type ResourceScope =
  { kind: 'tenant' } | { kind: 'organizer'; userId: string } | { kind: 'meeting'; meetingId: string };

export function resourceScope(resource: string): ResourceScope | null {
  const path = resource.replace(/^\/+/, '');
  if (/^communications\/onlineMeetings\/getAllTranscripts$/i.test(path)) return { kind: 'tenant' };
  const organizer = /^users\/([^/]+)\/onlineMeetings\/getAllTranscripts$/i.exec(path);
  if (organizer) return { kind: 'organizer', userId: decodeURIComponent(organizer[1]!) };
  const meeting = /^communications\/onlineMeetings\/([^/]+)\/transcripts$/i.exec(path);
  if (meeting) return { kind: 'meeting', meetingId: decodeURIComponent(meeting[1]!) };
  return null;
}

export const subscriptionJson = (s: StandInSubscription, graphUrl: string) => ({
  '@odata.context': `${graphUrl}/$metadata#subscriptions/$entity`,
  id: s.id,
  resource: s.resource,
  applicationId: s.applicationId,
  changeType: s.changeType,
  clientState: s.clientState,
  notificationUrl: s.notificationUrl,
  notificationQueryOptions: null,
  lifecycleNotificationUrl: s.lifecycleNotificationUrl,
  expirationDateTime: graphTime(s.expirationDateTime),
  creatorId: s.applicationId,
  includeResourceData: false,
  latestSupportedTlsVersion: 'v1_2',
  encryptionCertificate: null,
  encryptionCertificateId: null,
  notificationUrlAppId: null,
});

interface Options {
  validationTimeoutMs: number;
  requireHttps: boolean;
}

export class Subscriptions {
  private readonly items = new Map<string, StandInSubscription>();
  readonly deliveries: Delivery[] = [];
  private readonly options: Options;

  constructor(options: Options) {
    this.options = options;
  }

  /** Live subscriptions; expired ones are dropped, as Graph deletes them. */
  list(now: Date, tenantId?: string): StandInSubscription[] {
    for (const [id, s] of this.items) if (s.expirationDateTime <= now) this.items.delete(id);
    return [...this.items.values()].filter((s) => !tenantId || s.tenantId === tenantId);
  }

  get(id: string, tenantId: string, now: Date): StandInSubscription | undefined {
    return this.list(now, tenantId).find((s) => s.id === id);
  }

  remove(id: string): StandInSubscription | undefined {
    const s = this.items.get(id);
    this.items.delete(id);
    return s;
  }

  private checkUrl(field: string, value: unknown): string {
    if (typeof value !== 'string' || value.length === 0)
      throw badRequest(`${field} is a required property.`, 'InvalidRequest');
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw badRequest(`Invalid ${field}: '${value}'.`, 'InvalidRequest');
    }
    if (url.protocol !== 'https:' && (this.options.requireHttps || url.protocol !== 'http:'))
      throw badRequest(`The ${field} must use the HTTPS protocol.`, 'InvalidRequest');
    return value;
  }

  checkExpiry(value: unknown, now: Date, hasLifecycleUrl: boolean): Date {
    if (typeof value !== 'string' || Number.isNaN(Date.parse(value)))
      throw badRequest('expirationDateTime is a required property.', 'InvalidRequest');
    const expiry = new Date(value);
    const minutes = (expiry.getTime() - now.getTime()) / 60_000;
    if (minutes <= 0) throw badRequest('Subscription expiration can only be in the future.', 'InvalidRequest');
    if (minutes > MAX_TRANSCRIPT_MINUTES)
      throw badRequest(
        `Subscription expiration can only be ${MAX_TRANSCRIPT_MINUTES} minutes in the future.`,
        'InvalidRequest',
      );
    if (minutes > LIFECYCLE_URL_REQUIRED_AFTER_MINUTES && !hasLifecycleUrl)
      throw badRequest(
        'lifecycleNotificationUrl is required for subscription creation on this resource when the expirationDateTime value exceeds 1 hour.',
        'InvalidRequest',
      );
    return expiry;
  }

  async create(
    body: Record<string, unknown>,
    context: { tenantId: string; applicationId: string; now: Date },
  ): Promise<StandInSubscription> {
    const changeType = body.changeType;
    if (typeof changeType !== 'string' || !changeType)
      throw badRequest('changeType is a required property.', 'InvalidRequest');
    const resource = body.resource;
    if (typeof resource !== 'string' || !resource)
      throw badRequest('resource is a required property.', 'InvalidRequest');
    if (!resourceScope(resource))
      throw badRequest(
        `Resource '${resource}' is not supported by this stand-in (Teams transcripts only).`,
        'InvalidRequest',
      );
    const changes = changeType.split(',').map((c) => c.trim());
    if (changes.some((c) => c !== 'created'))
      throw badRequest(
        `Change type '${changeType}' is not supported for resource '${resource}'; use 'created'.`,
        'InvalidRequest',
      );
    const notificationUrl = this.checkUrl('notificationUrl', body.notificationUrl);
    const lifecycleNotificationUrl =
      body.lifecycleNotificationUrl === undefined || body.lifecycleNotificationUrl === null
        ? null
        : this.checkUrl('lifecycleNotificationUrl', body.lifecycleNotificationUrl);
    const expirationDateTime = this.checkExpiry(
      body.expirationDateTime,
      context.now,
      lifecycleNotificationUrl !== null,
    );
    const clientState = body.clientState;
    if (
      clientState !== undefined &&
      clientState !== null &&
      (typeof clientState !== 'string' || clientState.length > 128)
    )
      throw badRequest('clientState cannot exceed 128 characters.', 'InvalidRequest');
    if (body.includeResourceData === true)
      throw badRequest(
        'encryptionCertificate is required when includeResourceData is true; this stand-in does not encrypt.',
        'InvalidRequest',
      );

    // Both endpoints must prove they are ours before the subscription exists.
    await this.validate(notificationUrl);
    if (lifecycleNotificationUrl) await this.validate(lifecycleNotificationUrl);

    const subscription: StandInSubscription = {
      id: randomUUID(),
      tenantId: context.tenantId,
      resource,
      changeType,
      clientState: (clientState as string | undefined) ?? null,
      notificationUrl,
      lifecycleNotificationUrl,
      expirationDateTime,
      createdAt: context.now,
      applicationId: context.applicationId,
    };
    this.items.set(subscription.id, subscription);
    return subscription;
  }

  private async validate(url: string): Promise<void> {
    const token = `Validation: Testing client application reachability for subscription Request-Id: ${randomUUID()}`;
    const target = `${url}${url.includes('?') ? '&' : '?'}validationToken=${encodeURIComponent(token)}`;
    const delivery: Delivery = {
      kind: 'validation',
      url: target,
      body: '',
      status: 0,
      contentType: null,
      responseText: '',
    };
    this.deliveries.push(delivery);
    try {
      const response = await fetch(target, {
        method: 'POST',
        headers: { 'content-type': 'text/plain; charset=utf-8' },
        body: '',
        signal: AbortSignal.timeout(this.options.validationTimeoutMs),
      });
      delivery.status = response.status;
      delivery.contentType = response.headers.get('content-type');
      delivery.responseText = await response.text();
    } catch (error) {
      delivery.error = (error as Error).message;
      throw new GraphApiError(
        400,
        'ValidationError',
        'Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.',
      );
    }
    if (delivery.status !== 200)
      throw new GraphApiError(
        400,
        'ValidationError',
        'Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.',
      );
    if (!delivery.contentType?.toLowerCase().startsWith('text/plain'))
      throw new GraphApiError(
        400,
        'ValidationError',
        'Subscription validation request failed. Must respond with 200 OK and text/plain content type.',
      );
    if (delivery.responseText !== token)
      throw new GraphApiError(
        400,
        'ValidationError',
        'Subscription validation request failed. Response must exactly match validationToken query parameter.',
      );
  }

  /** Subscriptions that cover the transcript and existed before its transcription started. */
  matching(transcript: StandInTranscript, now: Date): StandInSubscription[] {
    return this.list(now, transcript.tenantId).filter((s) => {
      if (s.createdAt > transcript.createdDateTime) return false;
      const scope = resourceScope(s.resource);
      if (scope?.kind === 'tenant') return true;
      if (scope?.kind === 'organizer') return scope.userId === transcript.organizerUserId;
      if (scope?.kind === 'meeting') return scope.meetingId === transcript.meetingId;
      return false;
    });
  }

  transcriptNotification(
    s: StandInSubscription,
    t: StandInTranscript,
    overrides: { clientState?: string | null } = {},
  ) {
    const resource = notificationResource(t);
    return {
      value: [
        {
          subscriptionId: s.id,
          changeType: 'created',
          tenantId: s.tenantId,
          clientState: overrides.clientState === undefined ? s.clientState : overrides.clientState,
          subscriptionExpirationDateTime: graphTime(s.expirationDateTime),
          resource,
          resourceData: { id: t.id, '@odata.type': '#Microsoft.Graph.callTranscript', '@odata.id': resource },
        },
      ],
    };
  }

  lifecycleNotification(s: StandInSubscription, event: string, overrides: { clientState?: string | null } = {}) {
    return {
      value: [
        {
          subscriptionId: s.id,
          subscriptionExpirationDateTime: graphTime(s.expirationDateTime),
          tenantId: s.tenantId,
          clientState: overrides.clientState === undefined ? s.clientState : overrides.clientState,
          lifecycleEvent: event,
        },
      ],
    };
  }

  async post(kind: Delivery['kind'], url: string, body: unknown): Promise<Delivery> {
    const delivery: Delivery = { kind, url, body, status: 0, contentType: null, responseText: '' };
    this.deliveries.push(delivery);
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: typeof body === 'string' ? body : JSON.stringify(body),
        // Graph gives a subscriber 3 seconds before it counts the delivery as slow and retries.
        signal: AbortSignal.timeout(3_000),
      });
      delivery.status = response.status;
      delivery.contentType = response.headers.get('content-type');
      delivery.responseText = await response.text();
    } catch (error) {
      delivery.error = (error as Error).message;
    }
    return delivery;
  }
}
