import type { Connection } from 'jsforce';
import { jsforce } from './jsforce.ts';
import { CrmAuthError, CrmDailyLimitError, type ApiUsage } from '../port.ts';
import { jwtAssertion } from './jwt.ts';

/**
 * A jsforce connection with what a long-running, multi-tenant sync needs around it:
 * - an expired session is renewed by jsforce (refresh token, or a new JWT assertion for an integration user) and the
 *   call retried once; the renewed token is handed to `onTokens` to be stored sealed;
 * - `Sforce-Limit-Info` (which jsforce reads into `limitInfo`) is watched: past 80 % of the org's daily allowance
 *   calls are spaced out, past 95 % the sync stops with `CrmDailyLimitError` and resumes another day, leaving the
 *   rest of the allowance to the org's own integrations;
 * - 5xx answers and dropped connections are retried with backoff.
 */

export interface SalesforceAuth {
  flow: 'oauth' | 'jwt';
  instanceUrl: string;
  accessToken: string;
  refreshToken: string | null;
  username?: string;
  loginUrl: string;
}

export interface SalesforceApp {
  clientId: string;
  clientSecret?: string;
  redirectUri?: string;
  privateKeyPem?: string;
  apiVersion: string;
}

const SLOW_DOWN_AT = 0.8;
const STOP_AT = 0.95;
const RETRIES = 3;

interface SalesforceError {
  name?: string;
  errorCode?: string;
  statusCode?: number;
  message?: string;
  code?: string;
}

export class SalesforceSession {
  readonly conn: Connection;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    auth: SalesforceAuth,
    app: SalesforceApp,
    options: { onTokens?: (accessToken: string) => Promise<void>; sleep?: (ms: number) => Promise<void> } = {},
  ) {
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    const { Connection: SalesforceConnection, OAuth2 } = jsforce();
    const oauth2 = new OAuth2({
      clientId: app.clientId,
      ...(app.clientSecret ? { clientSecret: app.clientSecret } : {}),
      ...(app.redirectUri ? { redirectUri: app.redirectUri } : {}),
      loginUrl: auth.loginUrl,
    });
    const jwtRefresh =
      auth.flow === 'jwt' && auth.username && app.privateKeyPem
        ? (conn: Connection, callback: (error: Error | null, accessToken?: string) => void) => {
            const assertion = jwtAssertion({
              clientId: app.clientId,
              username: auth.username!,
              audience: auth.loginUrl,
              privateKeyPem: app.privateKeyPem!,
              now: Date.now(),
            });
            oauth2
              .requestToken({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion })
              .then((response) => {
                conn.accessToken = response.access_token;
                callback(null, response.access_token);
              }, callback);
          }
        : undefined;
    this.conn = new SalesforceConnection({
      oauth2,
      instanceUrl: auth.instanceUrl,
      accessToken: auth.accessToken,
      ...(auth.refreshToken ? { refreshToken: auth.refreshToken } : {}),
      version: app.apiVersion,
      ...(jwtRefresh ? { refreshFn: jwtRefresh as never } : {}),
    });
    this.conn.on('refresh', (accessToken: string) => {
      void options.onTokens?.(accessToken);
    });
  }

  apiUsage(): ApiUsage | null {
    const usage = this.conn.limitInfo?.apiUsage;
    return usage ? { used: usage.used, max: usage.limit } : null;
  }

  async call<T>(work: (conn: Connection) => Promise<T>): Promise<T> {
    const usage = this.apiUsage();
    if (usage && usage.used >= usage.max * STOP_AT)
      throw new CrmDailyLimitError(
        `Paused: the org has used ${usage.used.toLocaleString('en-US')} of its ${usage.max.toLocaleString('en-US')} daily API calls; syncing resumes as the allowance frees up`,
      );
    if (usage && usage.used >= usage.max * SLOW_DOWN_AT) await this.sleep(1000);
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await work(this.conn);
      } catch (error) {
        const e = error as SalesforceError;
        const code = e.errorCode ?? e.name;
        if (code === 'REQUEST_LIMIT_EXCEEDED')
          throw new CrmDailyLimitError("Paused: the org's daily API limit is used up; syncing resumes when it resets");
        // jsforce wraps a failed refresh in a plain Error, keeping only the message.
        const refreshRefused =
          /^Unable to refresh session/.test(e.message ?? '') &&
          !/ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|fetch failed|socket hang up/.test(e.message ?? '');
        if (
          refreshRefused ||
          code === 'invalid_grant' ||
          code === 'INVALID_SESSION_ID' ||
          code === 'INVALID_AUTH_HEADER'
        )
          throw new CrmAuthError(
            `Salesforce refused the connection (${e.message ?? code}): reconnect from the setup page`,
          );
        const transient =
          (typeof e.statusCode === 'number' && e.statusCode >= 500) ||
          /^ERROR_HTTP_5\d\d$/.test(code ?? '') ||
          code === 'SERVER_UNAVAILABLE' ||
          code === 'ECONNRESET' ||
          e.code === 'ECONNRESET';
        if (!transient || attempt > RETRIES) throw error;
        await this.sleep(200 * 2 ** (attempt - 1));
      }
    }
  }
}
