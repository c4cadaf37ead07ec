import { createHash, createHmac, randomBytes } from 'node:crypto';
import express from 'express';
import type { Request, Response } from 'express';
import { verifyJwtAssertion } from './jwt-bearer.ts';
import type { Org } from './org.ts';
import type { Session } from './sessions.ts';

/**
 * The OAuth 2.0 endpoints of the login server: the web-server flow (`/authorize`, approved at once, and the
 * `authorization_code` grant, PKCE included), `refresh_token`, the JWT bearer grant, and revocation. Errors are
 * `{ error, error_description }` with status 400, as Salesforce sends them.
 */

const CODE_LIFETIME_MS = 15 * 60_000;

interface AuthorizationCode {
  userId: string;
  redirectUri: string;
  expiresAt: number;
  codeChallenge: string | null;
}

export interface OAuthControls {
  /** The next authorization is refused by the user (`error=access_denied`). */
  denyNextAuthorization: () => void;
}

function param(req: Request, name: string): string | undefined {
  const fromBody: unknown = (req.body as Record<string, unknown> | undefined)?.[name];
  const value = fromBody ?? req.query[name];
  return typeof value === 'string' ? value : undefined;
}

function oauthError(res: Response, error: string, description: string): void {
  res.status(400).json({ error, error_description: description });
}

export function oauthRoutes(org: Org): { router: express.Router; controls: OAuthControls } {
  const router = express.Router();
  const codes = new Map<string, AuthorizationCode>();
  let denyNext = false;

  const identityUrl = (userId: string) => `${org.url()}/id/${org.orgId}/${userId}`;

  const tokenResponse = (session: Session, withRefreshToken: boolean) => {
    const id = identityUrl(session.userId);
    const issuedAt = String(session.issuedAt);
    return {
      access_token: session.accessToken,
      ...(withRefreshToken && session.refreshToken ? { refresh_token: session.refreshToken } : {}),
      signature: createHmac('sha256', org.app.clientSecret)
        .update(id + issuedAt)
        .digest('base64'),
      scope: 'refresh_token api',
      instance_url: org.url(),
      id,
      token_type: 'Bearer',
      issued_at: issuedAt,
    };
  };

  const errorPage = (res: Response, error: string, description: string) => {
    const query = new URLSearchParams({ error, error_description: description });
    res.redirect(302, `/setup/secur/RemoteAccessErrorPage.apexp?${query.toString().replace(/\+/g, '%20')}`);
  };

  router.get('/authorize', (req, res) => {
    const clientId = param(req, 'client_id');
    const redirectUri = param(req, 'redirect_uri');
    const state = param(req, 'state');
    if (clientId !== org.app.clientId) return errorPage(res, 'invalid_client_id', 'client identifier invalid');
    if (redirectUri !== org.app.redirectUri) {
      return errorPage(res, 'redirect_uri_mismatch', 'redirect_uri must match configuration');
    }
    const back = new URL(redirectUri);
    if (param(req, 'response_type') !== 'code') {
      back.searchParams.set('error', 'unsupported_response_type');
      back.searchParams.set('error_description', 'response type not supported');
    } else if (denyNext) {
      denyNext = false;
      back.searchParams.set('error', 'access_denied');
      back.searchParams.set('error_description', 'end-user denied authorization');
    } else {
      const hint = param(req, 'login_hint');
      const user = (hint && org.findUser(hint)) || org.findUser(org.defaultUserId)!;
      const code = `aPrx${randomBytes(48).toString('base64')}`;
      codes.set(code, {
        userId: String(user.values.Id),
        redirectUri,
        expiresAt: org.clock() + CODE_LIFETIME_MS,
        codeChallenge: param(req, 'code_challenge') ?? null,
      });
      back.searchParams.set('code', code);
    }
    if (state !== undefined) back.searchParams.set('state', state);
    res.redirect(302, back.toString());
  });

  router.post('/token', (req, res) => {
    const grantType = param(req, 'grant_type');
    const clientId = param(req, 'client_id');

    if (grantType === 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
      const verdict = verifyJwtAssertion(param(req, 'assertion') ?? '', org.jwtRegistrations, {
        clientId: org.app.clientId,
        audience: org.url(),
        now: org.clock(),
      });
      if (!verdict.ok) return oauthError(res, verdict.error, verdict.description);
      const user = org.findUser(verdict.username);
      if (!user) return oauthError(res, 'invalid_grant', 'invalid assertion');
      const session = org.sessions.issue(String(user.values.Id), org.app.clientId);
      return res.json({
        access_token: session.accessToken,
        scope: 'api',
        instance_url: org.url(),
        id: identityUrl(session.userId),
        token_type: 'Bearer',
      });
    }

    if (grantType !== 'authorization_code' && grantType !== 'refresh_token') {
      return oauthError(res, 'unsupported_grant_type', 'grant type not supported');
    }
    if (clientId !== org.app.clientId) return oauthError(res, 'invalid_client_id', 'client identifier invalid');
    const secret = param(req, 'client_secret');
    if (secret !== undefined && secret !== org.app.clientSecret) {
      return oauthError(res, 'invalid_client', 'invalid client credentials');
    }

    if (grantType === 'refresh_token') {
      const grant = org.sessions.findRefresh(param(req, 'refresh_token') ?? '');
      if (!grant || grant.clientId !== clientId) {
        return oauthError(res, 'invalid_grant', 'expired access/refresh token');
      }
      const session = org.sessions.issue(grant.userId, grant.clientId, param(req, 'refresh_token')!);
      return res.json(tokenResponse(session, false));
    }

    // The web-server flow needs the consumer secret unless PKCE stands in for it.
    const codeValue = param(req, 'code') ?? '';
    const code = codes.get(codeValue);
    if (!code) return oauthError(res, 'invalid_grant', 'invalid authorization code');
    codes.delete(codeValue);
    if (code.expiresAt <= org.clock()) return oauthError(res, 'invalid_grant', 'expired authorization code');
    if (param(req, 'redirect_uri') !== code.redirectUri) {
      return oauthError(res, 'redirect_uri_mismatch', 'redirect_uri must match configuration');
    }
    if (code.codeChallenge !== null) {
      const verifier = param(req, 'code_verifier') ?? '';
      const challenge = createHash('sha256').update(verifier).digest('base64url');
      if (challenge !== code.codeChallenge) return oauthError(res, 'invalid_grant', 'invalid code verifier');
    } else if (secret === undefined) {
      return oauthError(res, 'invalid_client', 'invalid client credentials');
    }
    const refreshToken = org.sessions.issueRefreshToken(code.userId, org.app.clientId);
    const session = org.sessions.issue(code.userId, org.app.clientId, refreshToken);
    return res.json(tokenResponse(session, true));
  });

  const revoke = (req: Request, res: Response) => {
    if (org.sessions.revoke(param(req, 'token') ?? '')) return res.status(200).end();
    return oauthError(res, 'unsupported_token_type', 'this token type is not supported');
  };
  router.post('/revoke', revoke);
  router.get('/revoke', revoke);

  return { router, controls: { denyNextAuthorization: () => void (denyNext = true) } };
}

/** The identity URL (`/id/<org>/<user>`) returned with every token, as jsforce's `identity()` reads it. */
export function identityRoute(org: Org): express.RequestHandler {
  return (req, res) => {
    const header = req.get('authorization') ?? '';
    const token = /^(?:Bearer|OAuth)\s+(.+)$/i.exec(header)?.[1] ?? (req.query.oauth_token as string | undefined);
    const session = token ? org.sessions.find(token) : undefined;
    if (!session) return res.status(403).type('text/plain').send('Bad_OAuth_Token');
    const user = org.findUser(String(req.params.userId ?? ''));
    if (req.params.orgId !== org.orgId || !user) return res.status(404).type('text/plain').send('Bad_Id');
    const v = user.values;
    const rest = `${org.url()}/services/data/v{version}/`;
    res.json({
      id: `${org.url()}/id/${org.orgId}/${String(v.Id)}`,
      asserted_user: session.userId === v.Id,
      user_id: v.Id,
      organization_id: org.orgId,
      username: v.Username,
      nick_name: String(v.Username).split('@')[0],
      display_name: v.Name,
      email: v.Email,
      email_verified: true,
      first_name: v.FirstName,
      last_name: v.LastName,
      timezone: v.TimeZoneSidKey,
      active: v.IsActive,
      user_type: 'STANDARD',
      language: v.LanguageLocaleKey,
      locale: v.LocaleSidKey,
      utcOffset: 0,
      last_modified_date: v.LastModifiedDate,
      urls: {
        rest,
        sobjects: `${rest}sobjects/`,
        query: `${rest}query/`,
        recent: `${rest}recent/`,
        search: `${rest}search/`,
        limits: `${rest}limits/`,
        profile: `${org.url()}/${String(v.Id)}`,
        custom_domain: org.url(),
      },
    });
  };
}
