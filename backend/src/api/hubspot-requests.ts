import express, { type RequestHandler } from 'express';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { PrismaClient } from '../db/generated/client.ts';
import { requestTenant, rosterUser } from './auth.ts';
import { signedByHubSpot } from './hubspot-signature.ts';
import { HttpProblem } from './problems.ts';

const PREFIX = '/hubspot/v1/';
/** What hubspot.fetch adds to every URL: covered by the signature, then taken off before the API sees the query. */
const PROXY_PARAMS = ['portalId', 'userId', 'userEmail', 'appId'];
// hubspot.fetch refuses bodies over 1 MB itself; anything bigger did not come from a card.
const readRaw = express.raw({ type: () => true, limit: '1mb' });

/**
 * The `/v1` API for the HubSpot app's cards and settings page, which call through `hubspot.fetch`: no API key, but
 * a request signed (v3) with the app's client secret, carrying the portal and the HubSpot user. The signature is
 * checked on the raw bytes before anything is read; then the portal names the tenant (one that never installed the
 * app is refused) and the user is credited when the roster has them. The request then continues as `/v1/...` with
 * the tenant set, through the same routes, validation and tenant scoping as any API call. Nothing is stored for a
 * request that fails here.
 */
export function hubspotRequests(deps: {
  prisma: PrismaClient;
  clock: Clock;
  config: Pick<Config, 'publicUrl' | 'hubspot'>;
}): RequestHandler {
  return (req, res, next) => {
    if (!req.path.startsWith(PREFIX)) return next();
    readRaw(req, res, (error?: unknown) => {
      if (error) return next(error);
      verified(req, res).then(next, next);
    });
  };

  async function verified(req: express.Request, res: express.Response): Promise<void> {
    const rawBody = signedByHubSpot(req, deps.config, deps.clock.now(), 'HubSpot app requests');

    const url = new URL(req.originalUrl, 'http://signed.invalid');
    const portalId = url.searchParams.get('portalId');
    if (!portalId || !/^\d{1,12}$/.test(portalId))
      throw new HttpProblem(400, 'The request names no HubSpot portal', [
        { field: 'query.portalId', message: 'the portal id hubspot.fetch adds' },
      ]);
    const tenant = await deps.prisma.tenant.findFirst({
      where: { crm: 'hubspot', externalId: portalId },
      select: { id: true },
    });
    if (!tenant)
      throw new HttpProblem(403, `HubSpot portal ${portalId} has not been connected to this service`, [
        { field: 'query.portalId', message: 'no workspace for this portal' },
      ]);
    // hubspot.fetch's userId is a HubSpot user id, while the roster holds owner ids (what records are assigned to):
    // the two never match, so the user is known by e-mail.
    const userEmail = url.searchParams.get('userEmail');
    const user = await rosterUser(
      deps.prisma,
      tenant.id,
      userEmail ? [{ email: { equals: userEmail, mode: 'insensitive' as const } }] : [],
    );

    for (const name of PROXY_PARAMS) url.searchParams.delete(name);
    req.url = `/v1/${url.pathname.slice(PREFIX.length)}${url.search}`;
    if (rawBody === '') {
      req.body = undefined;
    } else {
      try {
        req.body = JSON.parse(rawBody);
      } catch {
        throw new HttpProblem(400, 'The body is not JSON', [{ field: 'body', message: 'not JSON' }]);
      }
      req.headers['content-type'] = 'application/json';
    }
    res.locals.tenant = requestTenant(deps.prisma, {
      tenantId: tenant.id,
      keyId: 'hubspot-app',
      user,
      uncredited: 'hubspot-app',
    });
  }
}
