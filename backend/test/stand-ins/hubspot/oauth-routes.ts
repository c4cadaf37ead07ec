import express, { Router } from 'express';
import { validationError } from './error-bodies.ts';
import type { OAuthServer } from './oauth.ts';
import { param, queryString } from './request-input.ts';

// The install page (which approves at once) and `/oauth/v1`: token exchange, token metadata, revocation.
export function oauthRoutes(oauth: OAuthServer): Router {
  const router = Router();

  router.get('/oauth/authorize', (req, res) => {
    if (queryString(req, 'client_id') !== oauth.app.clientId) throw validationError('Unknown client_id');
    const redirectUri = queryString(req, 'redirect_uri');
    if (redirectUri !== oauth.app.redirectUri)
      throw validationError('redirect_uri does not match the redirect URL registered for the app');
    const requested = [queryString(req, 'scope'), queryString(req, 'optional_scope')]
      .flatMap((list) => (list ?? '').split(/[\s+]+/))
      .filter((s) => s !== '');
    const code = oauth.authorize(requested.length > 0 ? requested : undefined, redirectUri);
    const target = new URL(redirectUri);
    target.searchParams.set('code', code);
    const state = queryString(req, 'state');
    if (state !== undefined) target.searchParams.set('state', state);
    res.redirect(302, target.toString());
  });

  router.post('/oauth/v1/token', express.urlencoded({ extended: false }), (req, res) => {
    res.json(oauth.token((req.body ?? {}) as Record<string, unknown>));
  });

  router.get('/oauth/v1/access-tokens/:token', (req, res) => {
    res.json(oauth.accessTokenInfo(param(req, 'token')));
  });

  router.get('/oauth/v1/refresh-tokens/:token', (req, res) => {
    res.json(oauth.refreshTokenInfo(param(req, 'token')));
  });

  router.delete('/oauth/v1/refresh-tokens/:token', (req, res) => {
    oauth.deleteRefreshToken(param(req, 'token'));
    res.status(204).end();
  });

  return router;
}
