import { randomBytes, randomUUID } from 'node:crypto';
import type { Clock } from './clock.ts';
import { apiError, oauthError, type HubSpotError, type JsonObject } from './error-bodies.ts';

export interface OAuthApp {
  appId: number;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  scopes: string[];
}

export interface InstallingUser {
  userId: number;
  email: string;
}

export type CallerKind = 'oauth' | 'private-app';

export interface Caller {
  kind: CallerKind;
  token: string;
  scopes: readonly string[];
}

export const DEFAULT_SCOPES = [
  'oauth',
  'crm.objects.contacts.read',
  'crm.objects.contacts.write',
  'crm.objects.companies.read',
  'crm.objects.companies.write',
  'crm.objects.deals.read',
  'crm.objects.deals.write',
  'crm.objects.owners.read',
  'sales-email-read',
  'crm.schemas.contacts.read',
  'crm.schemas.contacts.write',
  'crm.schemas.companies.read',
  'crm.schemas.companies.write',
  'crm.schemas.deals.read',
  'crm.schemas.deals.write',
];

interface AccessGrant {
  scopes: string[];
  expiresAt: number;
}

interface RefreshGrant {
  scopes: string[];
  revoked: boolean;
}

interface AuthCode {
  scopes: string[];
  redirectUri: string;
  used: boolean;
}

export interface TokenResponse {
  token_type: 'bearer';
  refresh_token: string;
  access_token: string;
  expires_in: number;
}

const CREDENTIALS_NOT_FOUND =
  'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview';

function unauthorized(category: 'INVALID_AUTHENTICATION' | 'EXPIRED_AUTHENTICATION', message: string): HubSpotError {
  return apiError(401, category, message);
}

// The app's OAuth registration, the codes and tokens it has been issued, and private-app tokens.
export class OAuthServer {
  readonly app: OAuthApp;
  readonly #portalId: number;
  readonly #hubDomain: string;
  readonly #user: InstallingUser;
  readonly #clock: Clock;
  readonly #tokenLifetimeMs: number;
  readonly #codes = new Map<string, AuthCode>();
  readonly #access = new Map<string, AccessGrant>();
  readonly #refresh = new Map<string, RefreshGrant>();
  readonly #privateApps = new Map<string, string[]>();

  constructor(params: {
    app: OAuthApp;
    portalId: number;
    hubDomain: string;
    user: InstallingUser;
    clock: Clock;
    tokenLifetimeMs: number;
  }) {
    this.app = params.app;
    this.#portalId = params.portalId;
    this.#hubDomain = params.hubDomain;
    this.#user = params.user;
    this.#clock = params.clock;
    this.#tokenLifetimeMs = params.tokenLifetimeMs;
  }

  // What a user's consent on the install page produces: a single-use code for the token endpoint.
  authorize(scopes: readonly string[] = this.app.scopes, redirectUri = this.app.redirectUri): string {
    const code = randomUUID();
    this.#codes.set(code, { scopes: [...scopes], redirectUri, used: false });
    return code;
  }

  token(form: Record<string, unknown>): TokenResponse {
    const field = (name: string) => (typeof form[name] === 'string' ? (form[name] as string) : undefined);
    const grantType = field('grant_type');
    if (grantType !== 'authorization_code' && grantType !== 'refresh_token')
      throw oauthError('BAD_GRANT_TYPE', 'missing or unknown grant type');
    if (field('client_id') !== this.app.clientId) throw oauthError('BAD_CLIENT_ID', 'missing or unknown client id');
    if (field('client_secret') !== this.app.clientSecret)
      throw oauthError('BAD_CLIENT_SECRET', 'missing or invalid client secret');

    if (grantType === 'authorization_code') {
      const code = this.#codes.get(field('code') ?? '');
      if (!code || code.used) throw oauthError('BAD_AUTH_CODE', 'missing or unknown auth code');
      if (field('redirect_uri') !== code.redirectUri)
        throw oauthError('BAD_REDIRECT_URI', 'redirect_uri does not match initial auth code URI');
      code.used = true;
      const refreshToken = randomUUID();
      this.#refresh.set(refreshToken, { scopes: code.scopes, revoked: false });
      return this.#issue(refreshToken, code.scopes);
    }

    const refreshToken = field('refresh_token') ?? '';
    const grant = this.#refresh.get(refreshToken);
    if (!grant || grant.revoked) throw oauthError('BAD_REFRESH_TOKEN', 'missing or unknown refresh token');
    // HubSpot keeps the refresh token; only the access token is new.
    return this.#issue(refreshToken, grant.scopes);
  }

  #issue(refreshToken: string, scopes: string[]): TokenResponse {
    const accessToken = `C${randomBytes(48).toString('base64url')}`;
    this.#access.set(accessToken, { scopes, expiresAt: this.#clock.nowMs() + this.#tokenLifetimeMs });
    return {
      token_type: 'bearer',
      refresh_token: refreshToken,
      access_token: accessToken,
      expires_in: Math.floor(this.#tokenLifetimeMs / 1000),
    };
  }

  accessTokenInfo(token: string): JsonObject {
    const grant = this.#access.get(token);
    const remainingMs = grant ? grant.expiresAt - this.#clock.nowMs() : 0;
    if (!grant || remainingMs <= 0) throw apiError(404, 'OBJECT_NOT_FOUND', 'Token not found or expired');
    return {
      token,
      user: this.#user.email,
      hub_domain: this.#hubDomain,
      scopes: grant.scopes,
      scope_to_scope_group_pks: [],
      trial_scopes: [],
      trial_scope_to_scope_group_pks: [],
      hub_id: this.#portalId,
      app_id: this.app.appId,
      expires_in: Math.floor(remainingMs / 1000),
      user_id: this.#user.userId,
      token_type: 'access',
    };
  }

  refreshTokenInfo(token: string): JsonObject {
    const grant = this.#refresh.get(token);
    if (!grant || grant.revoked) throw apiError(404, 'OBJECT_NOT_FOUND', 'Refresh token not found');
    return {
      token,
      user: this.#user.email,
      hub_domain: this.#hubDomain,
      scopes: grant.scopes,
      hub_id: this.#portalId,
      client_id: this.app.clientId,
      user_id: this.#user.userId,
      token_type: 'refresh',
    };
  }

  deleteRefreshToken(token: string): void {
    const grant = this.#refresh.get(token);
    if (!grant || grant.revoked) throw apiError(404, 'OBJECT_NOT_FOUND', 'Refresh token not found');
    grant.revoked = true;
  }

  addPrivateAppToken(token: string, scopes: readonly string[]): void {
    this.#privateApps.set(token, [...scopes]);
  }

  expireAccessTokens(): void {
    const now = this.#clock.nowMs();
    for (const grant of this.#access.values()) grant.expiresAt = Math.min(grant.expiresAt, now);
  }

  revokeRefreshTokens(): void {
    for (const grant of this.#refresh.values()) grant.revoked = true;
  }

  // Which rate-limit bucket a request falls in, before (or without) authenticating it.
  kindOf(authorization: string | undefined): CallerKind {
    const token = bearer(authorization);
    return token !== undefined && this.#privateApps.has(token) ? 'private-app' : 'oauth';
  }

  authenticate(authorization: string | undefined): Caller {
    const token = bearer(authorization);
    if (token === undefined) throw unauthorized('INVALID_AUTHENTICATION', CREDENTIALS_NOT_FOUND);
    const privateScopes = this.#privateApps.get(token);
    if (privateScopes) return { kind: 'private-app', token, scopes: privateScopes };
    const grant = this.#access.get(token);
    if (!grant) throw unauthorized('INVALID_AUTHENTICATION', CREDENTIALS_NOT_FOUND);
    const expiredFor = this.#clock.nowMs() - grant.expiresAt;
    if (expiredFor >= 0)
      throw unauthorized(
        'EXPIRED_AUTHENTICATION',
        `The OAuth token used to make this call expired ${Math.floor(expiredFor / 60_000)} minute(s) ago.`,
      );
    return { kind: 'oauth', token, scopes: grant.scopes };
  }
}

function bearer(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return match?.[1];
}
