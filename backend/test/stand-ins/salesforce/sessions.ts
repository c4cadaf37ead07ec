import { randomBytes } from 'node:crypto';

/**
 * Access and refresh tokens. Access tokens look like Salesforce's (`<org id>!<opaque>`) and expire after the
 * session lifetime, measured on the stand-in's clock; a refresh token outlives them until it is revoked.
 */

export interface Session {
  accessToken: string;
  userId: string;
  clientId: string;
  issuedAt: number;
  expiresAt: number;
  refreshToken: string | null;
}

interface RefreshGrant {
  userId: string;
  clientId: string;
}

export class Sessions {
  readonly #clock: () => number;
  readonly #lifetimeMs: number;
  readonly #orgId15: string;
  readonly #access = new Map<string, Session>();
  readonly #refresh = new Map<string, RefreshGrant>();

  constructor(options: { clock: () => number; lifetimeMs: number; orgId: string }) {
    this.#clock = options.clock;
    this.#lifetimeMs = options.lifetimeMs;
    this.#orgId15 = options.orgId.slice(0, 15);
  }

  issue(userId: string, clientId: string, refreshToken: string | null = null): Session {
    const issuedAt = this.#clock();
    const session: Session = {
      accessToken: `${this.#orgId15}!AQ${randomBytes(72).toString('base64url').replace(/[-_]/g, '.')}`,
      userId,
      clientId,
      issuedAt,
      expiresAt: issuedAt + this.#lifetimeMs,
      refreshToken,
    };
    this.#access.set(session.accessToken, session);
    return session;
  }

  issueRefreshToken(userId: string, clientId: string): string {
    const token = `5Aep861${randomBytes(60).toString('base64url').replace(/[-_]/g, '.')}`;
    this.#refresh.set(token, { userId, clientId });
    return token;
  }

  /** The live session of an access token; an expired one is forgotten on the way. */
  find(accessToken: string): Session | undefined {
    const session = this.#access.get(accessToken);
    if (session && session.expiresAt <= this.#clock()) {
      this.#access.delete(accessToken);
      return undefined;
    }
    return session;
  }

  findRefresh(refreshToken: string): RefreshGrant | undefined {
    return this.#refresh.get(refreshToken);
  }

  expireAll(): void {
    this.#access.clear();
  }

  revokeRefreshTokens(): void {
    this.#refresh.clear();
  }

  /** Revoking a refresh token ends the sessions it opened too, as Salesforce does; false for an unknown token. */
  revoke(token: string): boolean {
    if (this.#access.delete(token)) return true;
    if (!this.#refresh.delete(token)) return false;
    for (const [accessToken, session] of this.#access) {
      if (session.refreshToken === token) this.#access.delete(accessToken);
    }
    return true;
  }
}
