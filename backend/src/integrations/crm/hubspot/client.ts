import type { Client } from '@hubspot/api-client';
import { hubspotSdk } from './sdk.ts';
import { CrmAuthError, CrmDailyLimitError, type ApiUsage } from '../port.ts';

/**
 * @hubspot/api-client with the settings a multi-tenant service needs, and the gaps it leaves filled:
 * - retries (`numberOfApiCallRetries`) and the request limiter (`limiterOptions`) are both off unless passed;
 * - the SDK applies its decorators from a process-wide singleton when an API object is first touched, so every API
 *   used here is touched at once after construction, before another tenant's client can replace them;
 * - the token is set per request by a middleware rather than `setAccessToken`, which would rebuild every API and
 *   with it the limiter (forgetting the calls already made in this 10-second window);
 * - an expired token is refreshed and the call retried once; a 429 is waited out as `Retry-After` says; the daily
 *   limit stops the caller with `CrmDailyLimitError` instead of retrying a call that cannot succeed before midnight.
 */

/** OAuth apps may make 100 calls per 10 seconds per account (HubSpot's published limit). */
const TEN_SECOND_ALLOWANCE = 100;
const RETRIES = 3;
/** Four searches a second: under HubSpot's five per second per account, with room for the clock's jitter. */
const SEARCH_SPACING_MS = 250;

export interface HubSpotTokens {
  accessToken: string;
  refreshToken: string | null;
  /** Epoch ms; refreshed a minute early. */
  expiresAt: number;
}

export interface HubSpotClientOptions {
  apiUrl: string;
  tokens: HubSpotTokens;
  clientId?: string;
  clientSecret?: string;
  /** Called with fresh tokens after a refresh, to store them (sealed). */
  onTokens?: (tokens: HubSpotTokens) => Promise<void>;
  /** Calls per 10 seconds; HubSpot's limit for OAuth apps unless a tier says otherwise. */
  tenSecondAllowance?: number;
  sleep?: (ms: number) => Promise<void>;
}

interface SdkError {
  code?: number;
  body?: { policyName?: string; message?: string; category?: string; status?: string } | string;
  headers?: Record<string, string>;
}

const isSdkError = (error: unknown): error is SdkError =>
  typeof error === 'object' && error !== null && typeof (error as SdkError).code === 'number';

export class HubSpotSession {
  readonly sdk: Client;
  private tokens: HubSpotTokens;
  private refreshing: Promise<void> | null = null;
  private usage: ApiUsage | null = null;
  private readonly options: HubSpotClientOptions;

  constructor(options: HubSpotClientOptions) {
    this.options = options;
    this.tokens = options.tokens;
    const allowance = options.tenSecondAllowance ?? TEN_SECOND_ALLOWANCE;
    this.sdk = new (hubspotSdk().Client)({
      // The middleware below replaces it on every request with the current token.
      accessToken: options.tokens.accessToken,
      basePath: options.apiUrl,
      numberOfApiCallRetries: RETRIES,
      limiterOptions: {
        maxConcurrent: 5,
        minTime: Math.ceil(10_000 / allowance),
        reservoir: allowance,
        reservoirRefreshAmount: allowance,
        reservoirRefreshInterval: 10_000,
      },
      middleware: [
        {
          pre: (context: unknown) => {
            (context as { setHeaderParam(name: string, value: string): void }).setHeaderParam(
              'Authorization',
              `Bearer ${this.tokens.accessToken}`,
            );
            return context;
          },
          post: (context: unknown) => {
            this.readUsage((context as { headers: Record<string, string> }).headers);
            return context;
          },
        },
      ],
    });
    // Touch every API used, now, while this client's decorators are the singleton's (see above).
    void [
      this.sdk.crm.objects.basicApi,
      this.sdk.crm.objects.batchApi,
      this.sdk.crm.objects.searchApi,
      this.sdk.crm.properties.coreApi,
      this.sdk.crm.properties.groupsApi,
      this.sdk.crm.owners.ownersApi,
      this.sdk.crm.associations.v4.basicApi,
      this.sdk.crm.associations.v4.batchApi,
      this.sdk.oauth.tokensApi,
      this.sdk.oauth.accessTokensApi,
    ];
  }

  apiUsage(): ApiUsage | null {
    return this.usage;
  }

  private readUsage(headers: Record<string, string> | undefined): void {
    const max = Number(headers?.['x-hubspot-ratelimit-daily']);
    const remaining = Number(headers?.['x-hubspot-ratelimit-daily-remaining']);
    if (Number.isFinite(max) && Number.isFinite(remaining) && max > 0) this.usage = { used: max - remaining, max };
  }

  private nextSearchAt = 0;

  /**
   * CRM search has a limit of its own (a few requests per second per account) below the general one: searches are
   * spaced out here rather than sent to collect 429s.
   */
  async search<T>(work: (sdk: Client) => Promise<T>): Promise<T> {
    const wait = this.nextSearchAt - Date.now();
    this.nextSearchAt = Math.max(Date.now(), this.nextSearchAt) + SEARCH_SPACING_MS;
    if (wait > 0) await delay(wait);
    return this.call(work);
  }

  /** Runs one SDK call with a fresh token, the refresh-once rule and the 429 rules. */
  async call<T>(work: (sdk: Client) => Promise<T>): Promise<T> {
    if (this.tokens.refreshToken && Date.now() > this.tokens.expiresAt - 60_000) await this.refresh();
    let refreshed = false;
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await work(this.sdk);
      } catch (error) {
        if (!isSdkError(error)) throw error;
        const body = typeof error.body === 'object' ? error.body : undefined;
        if (error.code === 401) {
          if (refreshed || !this.tokens.refreshToken)
            throw new CrmAuthError(`HubSpot refused the app's access (${body?.message ?? 'unauthorized'})`);
          await this.refresh();
          refreshed = true;
          continue;
        }
        if (error.code === 429) {
          if (body?.policyName === 'DAILY')
            throw new CrmDailyLimitError("HubSpot's daily API limit for this account is used up");
          if (attempt > RETRIES) throw error;
          const retryAfter = Number(error.headers?.['retry-after']);
          const interval = Number(error.headers?.['x-hubspot-ratelimit-interval-milliseconds']);
          const wait = Number.isFinite(retryAfter) ? retryAfter * 1000 : Number.isFinite(interval) ? interval : 1000;
          await (this.options.sleep ?? delay)(wait);
          continue;
        }
        throw error;
      }
    }
  }

  private refresh(): Promise<void> {
    // One refresh for all the calls that found the token expired at once.
    this.refreshing ??= (async () => {
      const { clientId, clientSecret } = this.options;
      if (!this.tokens.refreshToken || !clientId || !clientSecret)
        throw new CrmAuthError('HubSpot access expired and there is no way to refresh it: reconnect the app');
      try {
        const response = await this.sdk.oauth.tokensApi.create(
          'refresh_token',
          undefined,
          undefined,
          clientId,
          clientSecret,
          this.tokens.refreshToken,
        );
        this.tokens = {
          accessToken: response.accessToken,
          refreshToken: response.refreshToken ?? this.tokens.refreshToken,
          expiresAt: Date.now() + response.expiresIn * 1000,
        };
      } catch (error) {
        if (isSdkError(error) && error.code !== undefined && error.code >= 400 && error.code < 500)
          throw new CrmAuthError("HubSpot no longer accepts the app's authorisation: reconnect the app");
        throw error;
      }
      await this.options.onTokens?.(this.tokens);
    })().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
