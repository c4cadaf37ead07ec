import { z } from 'zod';

/**
 * The few Microsoft Graph calls Teams transcripts need, on `fetch`, for an app registered once and consented to by
 * many Entra tenants: an app-only token per tenant (client credentials, cached until shortly before it expires),
 * change-notification subscriptions, and transcript metadata and content.
 *
 * Throttling (429) waits as `Retry-After` says; 5xx and dropped connections back off exponentially; a 401 drops the
 * cached token and tries once more with a fresh one. Whatever is left surfaces as a `GraphError` subclass a caller
 * can act on. Base URLs are options so tests (and national clouds) can point elsewhere.
 */

export const GRAPH_BASE_URL = 'https://graph.microsoft.com/v1.0';
export const LOGIN_BASE_URL = 'https://login.microsoftonline.com';
export const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';

/** Graph refuses a transcript subscription that would outlive 4,320 minutes (three days). */
export const MAX_TRANSCRIPT_SUBSCRIPTION_MINUTES = 4_320;
/** Short of the maximum, so a renewal sent when our clock runs ahead of Graph's is still accepted. */
export const DEFAULT_TRANSCRIPT_SUBSCRIPTION_MINUTES = 4_200;

const RETRIABLE_STATUSES = new Set([500, 502, 503, 504]);

// ---------------------------------------------------------------------------------------------------------------
// Errors

export class GraphError extends Error {
  override readonly name: string = 'GraphError';
  /** The HTTP status; 0 when no answer came (connection refused, reset, our timeout). */
  readonly status: number;
  /** Graph's `error.code` (`Forbidden`, `InvalidAuthenticationToken`…) or the token endpoint's `error`. */
  readonly code: string;
  readonly requestId: string | null;

  constructor(status: number, code: string, message: string, requestId: string | null, options?: { cause?: unknown }) {
    super(message, options);
    this.status = status;
    this.code = code;
    this.requestId = requestId;
  }
}

/** The token endpoint refused the app's credentials or the tenant (not consented, unknown, secret expired). */
export class GraphAuthError extends GraphError {
  override readonly name = 'GraphAuthError';
}

/** 429 that outlasted the retries, or a `Retry-After` longer than we are willing to wait. */
export class GraphThrottledError extends GraphError {
  override readonly name = 'GraphThrottledError';
  readonly retryAfterMs: number | null;

  constructor(message: string, requestId: string | null, retryAfterMs: number | null) {
    super(429, 'TooManyRequests', message, requestId);
    this.retryAfterMs = retryAfterMs;
  }
}

/** 5xx, a dropped connection or a timeout that outlasted the retries. */
export class GraphUnavailableError extends GraphError {
  override readonly name = 'GraphUnavailableError';
}

export class GraphNotFoundError extends GraphError {
  override readonly name = 'GraphNotFoundError';
}

// ---------------------------------------------------------------------------------------------------------------
// Shapes

const GraphErrorBody = z.object({
  error: z.object({
    code: z.string().optional(),
    message: z.string().optional(),
    innerError: z.object({ 'request-id': z.string().optional() }).loose().optional(),
  }),
});

const TokenResponse = z.object({
  token_type: z.string(),
  expires_in: z.coerce.number().int().positive(),
  access_token: z.string().min(1),
});

const TokenErrorBody = z.object({ error: z.string(), error_description: z.string().optional() });

const Subscription = z.object({
  id: z.string().min(1),
  resource: z.string(),
  changeType: z.string(),
  clientState: z.string().nullish(),
  notificationUrl: z.string(),
  lifecycleNotificationUrl: z.string().nullish(),
  expirationDateTime: z.string(),
});

const CallTranscriptBody = z.object({
  id: z.string().min(1),
  meetingId: z.string().nullish(),
  callId: z.string().nullish(),
  createdDateTime: z.string().nullish(),
  endDateTime: z.string().nullish(),
  transcriptContentUrl: z.string().nullish(),
  meetingOrganizer: z
    .object({ user: z.object({ id: z.string().nullish() }).loose().nullish() })
    .loose()
    .nullish(),
});

const Page = z.object({ value: z.array(z.unknown()), '@odata.nextLink': z.string().nullish() });

export interface GraphSubscription {
  id: string;
  resource: string;
  changeType: string;
  clientState: string | null;
  notificationUrl: string;
  lifecycleNotificationUrl: string | null;
  expirationDateTime: string;
}

export interface CallTranscript {
  id: string;
  meetingId: string;
  callId: string | null;
  createdDateTime: string | null;
  endDateTime: string | null;
  organizerUserId: string | null;
}

/** Where a transcript lives: app-only access reaches it through the organizer's user id. */
export interface TranscriptRef {
  organizerUserId: string;
  meetingId: string;
  transcriptId: string;
}

export interface NewSubscription {
  resource: string;
  notificationUrl: string;
  lifecycleNotificationUrl: string;
  clientState: string;
  /** `created` unless given: transcripts are only ever created. */
  changeType?: string;
  /** When it should expire; `DEFAULT_TRANSCRIPT_SUBSCRIPTION_MINUTES` from now unless given. */
  expirationDateTime?: string;
}

/** What the notification receiver needs from Graph; `GraphClient` is the real one. */
export interface TeamsGraph {
  createSubscription(entraTenantId: string, input: NewSubscription): Promise<GraphSubscription>;
  renewSubscription(
    entraTenantId: string,
    subscriptionId: string,
    expirationDateTime?: string,
  ): Promise<GraphSubscription>;
  deleteSubscription(entraTenantId: string, subscriptionId: string): Promise<void>;
  getTranscript(entraTenantId: string, ref: TranscriptRef): Promise<CallTranscript>;
  getTranscriptContent(entraTenantId: string, ref: TranscriptRef): Promise<string>;
  listMeetingTranscripts(
    entraTenantId: string,
    input: { organizerUserId: string; meetingId: string },
  ): Promise<CallTranscript[]>;
  listOrganizerTranscripts(
    entraTenantId: string,
    input: { organizerUserId: string; since?: string; until?: string },
  ): Promise<CallTranscript[]>;
}

export interface GraphClientOptions {
  clientId: string;
  clientSecret: string;
  graphBaseUrl?: string;
  loginBaseUrl?: string;
  scope?: string;
  /** Retries after the first attempt, for 429, 5xx and dropped connections: 4 unless given. */
  maxRetries?: number;
  /** The longest `Retry-After` worth waiting for in-process; longer ones fail at once. 60 s unless given. */
  maxRetryAfterMs?: number;
  /** First backoff step for 5xx without `Retry-After`; doubles each time, up to 30 s. 500 ms unless given. */
  backoffBaseMs?: number;
  /** Per attempt: 30 s unless given. */
  timeoutMs?: number;
  /** Pages followed when listing: 50 unless given (a runaway `nextLink` must not loop for ever). */
  maxPages?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  fetch?: typeof fetch;
  random?: () => number;
}

interface CachedToken {
  accessToken: string;
  // Epoch ms after which the token is no longer handed out.
  refreshAt: number;
}

interface SendOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  body?: unknown;
  accept?: string;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const trimSlash = (url: string) => url.replace(/\/+$/, '');

/** `Retry-After` as delta-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** An expiry `minutes` from `now`, never past what Graph accepts for transcripts. */
export function transcriptSubscriptionExpiry(now: number, minutes = DEFAULT_TRANSCRIPT_SUBSCRIPTION_MINUTES): string {
  const bounded = Math.min(Math.max(minutes, 1), MAX_TRANSCRIPT_SUBSCRIPTION_MINUTES);
  return new Date(now + bounded * 60_000).toISOString();
}

// OData string literals escape a quote by doubling it.
const odataString = (value: string) => `'${value.replace(/'/g, "''")}'`;

function toTranscript(raw: unknown): CallTranscript {
  const parsed = CallTranscriptBody.safeParse(raw);
  if (!parsed.success)
    throw new GraphError(200, 'UnexpectedResponse', 'Graph returned a transcript we cannot read', null);
  const body = parsed.data;
  return {
    id: body.id,
    meetingId: body.meetingId ?? '',
    callId: body.callId ?? null,
    createdDateTime: body.createdDateTime ?? null,
    endDateTime: body.endDateTime ?? null,
    organizerUserId: body.meetingOrganizer?.user?.id ?? null,
  };
}

function toSubscription(raw: unknown): GraphSubscription {
  const parsed = Subscription.safeParse(raw);
  if (!parsed.success)
    throw new GraphError(200, 'UnexpectedResponse', 'Graph returned a subscription we cannot read', null);
  return {
    ...parsed.data,
    clientState: parsed.data.clientState ?? null,
    lifecycleNotificationUrl: parsed.data.lifecycleNotificationUrl ?? null,
  };
}

export class GraphClient implements TeamsGraph {
  private readonly options: GraphClientOptions;
  private readonly graphBaseUrl: string;
  private readonly loginBaseUrl: string;
  private readonly tokens = new Map<string, CachedToken>();
  private readonly pendingTokens = new Map<string, Promise<CachedToken>>();
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly fetchImpl: typeof fetch;

  constructor(options: GraphClientOptions) {
    if (!options.clientId || !options.clientSecret) throw new Error('A Graph client needs a client id and secret');
    this.options = options;
    this.graphBaseUrl = trimSlash(options.graphBaseUrl ?? GRAPH_BASE_URL);
    this.loginBaseUrl = trimSlash(options.loginBaseUrl ?? LOGIN_BASE_URL);
    this.sleep = options.sleep ?? defaultSleep;
    this.now = options.now ?? Date.now;
    this.fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  // ---- tokens ----------------------------------------------------------------------------------------------------

  /** An app-only token for the tenant, from the cache while it has more than its last tenth (at most 5 min) left. */
  async accessToken(entraTenantId: string): Promise<string> {
    const cached = this.tokens.get(entraTenantId);
    if (cached && cached.refreshAt > this.now()) return cached.accessToken;
    // Concurrent callers share one token request instead of each asking the identity platform.
    let pending = this.pendingTokens.get(entraTenantId);
    if (!pending) {
      pending = this.requestToken(entraTenantId).finally(() => this.pendingTokens.delete(entraTenantId));
      this.pendingTokens.set(entraTenantId, pending);
    }
    return (await pending).accessToken;
  }

  /** Drops the cached token, as after Graph refused it. */
  forgetToken(entraTenantId: string): void {
    this.tokens.delete(entraTenantId);
  }

  private async requestToken(entraTenantId: string): Promise<CachedToken> {
    const url = `${this.loginBaseUrl}/${encodeURIComponent(entraTenantId)}/oauth2/v2.0/token`;
    const form = new URLSearchParams({
      client_id: this.options.clientId,
      client_secret: this.options.clientSecret,
      scope: this.options.scope ?? GRAPH_SCOPE,
      grant_type: 'client_credentials',
    });
    const response = await this.withRetries(`token for tenant ${entraTenantId}`, () =>
      this.fetchImpl(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: form.toString(),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
      }),
    );
    const body: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const error = TokenErrorBody.safeParse(body);
      // The description's first line carries the AADSTS code and ids an operator can quote; the secret is never in it.
      const code = error.success ? error.data.error : `http_${response.status}`;
      const description = error.success ? (error.data.error_description?.split('\r\n')[0] ?? '') : '';
      throw new GraphAuthError(
        response.status,
        code,
        `The identity platform refused a token for tenant ${entraTenantId}: ${code}` +
          (description ? ` (${description})` : ''),
        response.headers.get('x-ms-request-id'),
      );
    }
    const token = TokenResponse.safeParse(body);
    if (!token.success || token.data.token_type.toLowerCase() !== 'bearer')
      throw new GraphAuthError(
        response.status,
        'invalid_token_response',
        'The token endpoint answered without a bearer token',
        null,
      );
    const lifetimeMs = token.data.expires_in * 1000;
    const cached = {
      accessToken: token.data.access_token,
      refreshAt: this.now() + lifetimeMs - Math.min(5 * 60_000, lifetimeMs / 10),
    };
    this.tokens.set(entraTenantId, cached);
    return cached;
  }

  // ---- subscriptions ---------------------------------------------------------------------------------------------

  async createSubscription(entraTenantId: string, input: NewSubscription): Promise<GraphSubscription> {
    const body = {
      changeType: input.changeType ?? 'created',
      notificationUrl: input.notificationUrl,
      lifecycleNotificationUrl: input.lifecycleNotificationUrl,
      resource: input.resource,
      expirationDateTime: input.expirationDateTime ?? transcriptSubscriptionExpiry(this.now()),
      clientState: input.clientState,
      latestSupportedTlsVersion: 'v1_2',
    };
    return toSubscription(await this.json(entraTenantId, 'subscriptions', { method: 'POST', body }));
  }

  async renewSubscription(
    entraTenantId: string,
    subscriptionId: string,
    expirationDateTime = transcriptSubscriptionExpiry(this.now()),
  ): Promise<GraphSubscription> {
    return toSubscription(
      await this.json(entraTenantId, `subscriptions/${encodeURIComponent(subscriptionId)}`, {
        method: 'PATCH',
        body: { expirationDateTime },
      }),
    );
  }

  /** Reauthorizes without extending the expiry (renewing reauthorizes too). */
  async reauthorizeSubscription(entraTenantId: string, subscriptionId: string): Promise<void> {
    await this.send(entraTenantId, `subscriptions/${encodeURIComponent(subscriptionId)}/reauthorize`, {
      method: 'POST',
    });
  }

  /** Deleting one that is already gone succeeds: the caller wanted it gone. */
  async deleteSubscription(entraTenantId: string, subscriptionId: string): Promise<void> {
    try {
      await this.send(entraTenantId, `subscriptions/${encodeURIComponent(subscriptionId)}`, { method: 'DELETE' });
    } catch (error) {
      if (!(error instanceof GraphNotFoundError)) throw error;
    }
  }

  // ---- transcripts -----------------------------------------------------------------------------------------------

  async getTranscript(entraTenantId: string, ref: TranscriptRef): Promise<CallTranscript> {
    return toTranscript(await this.json(entraTenantId, transcriptPath(ref)));
  }

  /** The WebVTT text of a transcript. */
  async getTranscriptContent(entraTenantId: string, ref: TranscriptRef): Promise<string> {
    const response = await this.send(entraTenantId, `${transcriptPath(ref)}/content?$format=text/vtt`, {
      accept: 'text/vtt',
    });
    const bytes = new Uint8Array(await response.arrayBuffer());
    return new TextDecoder('utf-8').decode(bytes);
  }

  async listMeetingTranscripts(
    entraTenantId: string,
    input: { organizerUserId: string; meetingId: string },
  ): Promise<CallTranscript[]> {
    const user = encodeURIComponent(input.organizerUserId);
    const path = `users/${user}/onlineMeetings/${encodeURIComponent(input.meetingId)}/transcripts`;
    return (await this.pages(entraTenantId, path)).map(toTranscript);
  }

  /** Transcripts of every meeting the user organized, created in [since, until) when given. */
  async listOrganizerTranscripts(
    entraTenantId: string,
    input: { organizerUserId: string; since?: string; until?: string },
  ): Promise<CallTranscript[]> {
    const user = encodeURIComponent(input.organizerUserId);
    const parameters = [`meetingOrganizerUserId=${odataString(input.organizerUserId)}`];
    if (input.since) parameters.push(`startDateTime=${new Date(input.since).toISOString()}`);
    if (input.until) parameters.push(`endDateTime=${new Date(input.until).toISOString()}`);
    const path = `users/${user}/onlineMeetings/getAllTranscripts(${parameters.join(',')})`;
    return (await this.pages(entraTenantId, path)).map(toTranscript);
  }

  // ---- plumbing --------------------------------------------------------------------------------------------------

  private async pages(entraTenantId: string, path: string): Promise<unknown[]> {
    const items: unknown[] = [];
    let next: string | null = path;
    for (let page = 0; next; page++) {
      if (page >= (this.options.maxPages ?? 50))
        throw new GraphError(200, 'TooManyPages', `Stopped following ${path} after ${page} pages`, null);
      const parsed = Page.safeParse(await this.json(entraTenantId, next));
      if (!parsed.success)
        throw new GraphError(200, 'UnexpectedResponse', 'Graph returned a page we cannot read', null);
      items.push(...parsed.data.value);
      next = parsed.data['@odata.nextLink'] ?? null;
    }
    return items;
  }

  private async json(entraTenantId: string, path: string, options: SendOptions = {}): Promise<unknown> {
    const response = await this.send(entraTenantId, path, { ...options, accept: 'application/json' });
    if (response.status === 204) return null;
    const text = await response.text();
    try {
      return JSON.parse(text);
    } catch {
      throw new GraphError(
        response.status,
        'UnexpectedResponse',
        `Graph answered ${path} with a body that is not JSON`,
        null,
      );
    }
  }

  private resolve(path: string): string {
    if (!/^https?:\/\//i.test(path)) return `${this.graphBaseUrl}/${path.replace(/^\/+/, '')}`;
    // A nextLink is absolute; the bearer token goes nowhere but the Graph host we were given.
    if (new URL(path).origin !== new URL(this.graphBaseUrl).origin)
      throw new GraphError(200, 'UnexpectedResponse', `Refusing to follow a link off the Graph host: ${path}`, null);
    return path;
  }

  private async send(entraTenantId: string, path: string, options: SendOptions = {}): Promise<Response> {
    const url = this.resolve(path);
    const method = options.method ?? 'GET';
    let refreshedToken = false;
    for (;;) {
      const token = await this.accessToken(entraTenantId);
      const response = await this.withRetries(`${method} ${path}`, () =>
        this.fetchImpl(url, {
          method,
          headers: {
            authorization: `Bearer ${token}`,
            accept: options.accept ?? 'application/json',
            ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
          signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
        }),
      );
      if (response.ok) return response;
      if (response.status === 401 && !refreshedToken) {
        // Tokens can be revoked or rotated before they expire; one fresh token is worth a try, more is a loop.
        refreshedToken = true;
        this.forgetToken(entraTenantId);
        await response.body?.cancel();
        continue;
      }
      throw await errorFrom(response, `${method} ${path}`);
    }
  }

  /**
   * Runs `attempt` until it answers with something other than 429/5xx or the retries run out. The last 429/5xx
   * response is returned for the caller to turn into an error, except when waiting is pointless.
   */
  private async withRetries(what: string, attempt: () => Promise<Response>): Promise<Response> {
    const maxRetries = this.options.maxRetries ?? 4;
    const maxRetryAfterMs = this.options.maxRetryAfterMs ?? 60_000;
    for (let retry = 0; ; retry++) {
      let response: Response;
      try {
        response = await attempt();
      } catch (error) {
        if (retry >= maxRetries)
          throw new GraphUnavailableError(0, 'NetworkError', `Graph could not be reached for ${what}`, null, {
            cause: error,
          });
        await this.sleep(this.backoff(retry));
        continue;
      }
      const throttled = response.status === 429;
      if (!throttled && !RETRIABLE_STATUSES.has(response.status)) return response;
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), this.now());
      const requestId = response.headers.get('request-id');
      if (retry >= maxRetries || (retryAfterMs !== null && retryAfterMs > maxRetryAfterMs)) {
        if (throttled) {
          await response.body?.cancel();
          throw new GraphThrottledError(`Graph kept throttling ${what}`, requestId, retryAfterMs);
        }
        const error = await errorFrom(response, what);
        throw new GraphUnavailableError(error.status, error.code, error.message, error.requestId);
      }
      await response.body?.cancel();
      await this.sleep(retryAfterMs ?? this.backoff(retry));
    }
  }

  private backoff(retry: number): number {
    const base = this.options.backoffBaseMs ?? 500;
    const ceiling = Math.min(30_000, base * 2 ** retry);
    // Half fixed, half jitter: spread out clients that failed together without ever retrying instantly.
    return Math.round(ceiling / 2 + (ceiling / 2) * (this.options.random ?? Math.random)());
  }
}

function transcriptPath(ref: TranscriptRef): string {
  return [
    'users',
    encodeURIComponent(ref.organizerUserId),
    'onlineMeetings',
    encodeURIComponent(ref.meetingId),
    'transcripts',
    encodeURIComponent(ref.transcriptId),
  ].join('/');
}

async function errorFrom(response: Response, what: string): Promise<GraphError> {
  const text = await response.text().catch(() => '');
  let code = `HTTP${response.status}`;
  let message = '';
  try {
    const parsed = GraphErrorBody.safeParse(JSON.parse(text));
    if (parsed.success) {
      code = parsed.data.error.code ?? code;
      message = parsed.data.error.message ?? '';
    }
  } catch {
    // Not JSON (a proxy's page): the status says enough.
  }
  const requestId = response.headers.get('request-id');
  const detail = `Graph answered ${what} with ${response.status} ${code}${message ? `: ${message}` : ''}`;
  if (response.status === 404) return new GraphNotFoundError(404, code, detail, requestId);
  return new GraphError(response.status, code, detail, requestId);
}
