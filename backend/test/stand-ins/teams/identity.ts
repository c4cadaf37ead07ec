import { randomBytes } from 'node:crypto';
import { IdentityError } from './errors.ts';

/**
 * The client-credentials grant of the Microsoft identity platform (`POST /{tenant}/oauth2/v2.0/token`, form
 * encoded) for one registered app, consented to by the listed tenants. Tokens are opaque here (Graph accepts only
 * the ones this stand-in issued), each tied to its tenant, its app roles and its expiry.
 */

export const GRAPH_DEFAULT_SCOPE = 'https://graph.microsoft.com/.default';

export interface IssuedToken {
  tenantId: string;
  roles: string[];
  expiresAt: number;
}

export class Directory {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly tenants: Set<string>;
  readonly roles: string[];
  private readonly lifetimeSeconds: number;
  private readonly tokens = new Map<string, IssuedToken>();

  constructor(options: {
    clientId: string;
    clientSecret: string;
    tenants: string[];
    roles: string[];
    lifetimeSeconds: number;
  }) {
    this.clientId = options.clientId;
    this.clientSecret = options.clientSecret;
    this.tenants = new Set(options.tenants.map((tenant) => tenant.toLowerCase()));
    this.roles = options.roles;
    this.lifetimeSeconds = options.lifetimeSeconds;
  }

  issue(tenant: string, form: Record<string, unknown>, now: number) {
    const field = (name: string) => (typeof form[name] === 'string' ? (form[name] as string) : undefined);
    const grantType = field('grant_type');
    if (!grantType)
      throw new IdentityError(
        400,
        'invalid_request',
        900144,
        "The request body must contain the following parameter: 'grant_type'.",
      );
    if (grantType !== 'client_credentials')
      throw new IdentityError(
        400,
        'unsupported_grant_type',
        70003,
        `The app requested an unsupported grant type '${grantType}'.`,
      );
    if (!this.tenants.has(tenant.toLowerCase()))
      throw new IdentityError(
        400,
        'invalid_request',
        90002,
        `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
      );
    const clientId = field('client_id');
    if (!clientId)
      throw new IdentityError(
        400,
        'invalid_request',
        900144,
        "The request body must contain the following parameter: 'client_id'.",
      );
    if (clientId !== this.clientId)
      throw new IdentityError(
        400,
        'unauthorized_client',
        700016,
        `Application with identifier '${clientId}' was not found in the directory '${tenant}'.`,
      );
    const secret = field('client_secret');
    if (!secret)
      throw new IdentityError(
        401,
        'invalid_client',
        7000218,
        "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
      );
    if (secret !== this.clientSecret)
      throw new IdentityError(401, 'invalid_client', 7000215, 'Invalid client secret provided.');
    const scope = field('scope');
    if (!scope)
      throw new IdentityError(
        400,
        'invalid_request',
        900144,
        "The request body must contain the following parameter: 'scope'.",
      );
    // App-only tokens take exactly one resource's `.default`; anything else is refused as the service refuses it.
    if (scope.trim() !== GRAPH_DEFAULT_SCOPE)
      throw new IdentityError(
        400,
        'invalid_scope',
        1002012,
        `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
      );
    const accessToken = `eyJ0eXAiOiJKV1Qi.${randomBytes(24).toString('base64url')}`;
    this.tokens.set(accessToken, {
      tenantId: tenant.toLowerCase(),
      roles: [...this.roles],
      expiresAt: now + this.lifetimeSeconds * 1000,
    });
    return {
      token_type: 'Bearer',
      expires_in: this.lifetimeSeconds,
      ext_expires_in: this.lifetimeSeconds,
      access_token: accessToken,
    };
  }

  lookup(accessToken: string): IssuedToken | undefined {
    return this.tokens.get(accessToken);
  }

  /** Invalidates every token issued so far, as a revoked consent or rotated key would. */
  revokeAll(): void {
    this.tokens.clear();
  }

  get issuedCount(): number {
    return this.tokens.size;
  }
}
