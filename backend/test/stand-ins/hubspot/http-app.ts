import express, { type NextFunction, type Request, type Response } from 'express';
import { authenticate } from './access-control.ts';
import { associationRoutes } from './association-routes.ts';
import type { Crm } from './crm.ts';
import { apiError, correlationId, HubSpotError, validationError } from './error-bodies.ts';
import type { FaultPlan } from './faults.ts';
import type { OAuthServer } from './oauth.ts';
import { oauthRoutes } from './oauth-routes.ts';
import { objectRoutes } from './object-routes.ts';
import { ownerRoutes } from './owner-routes.ts';
import { propertyRoutes } from './property-routes.ts';
import type { RateLimiter } from './rate-limits.ts';
import type { RequestLog } from './request-log.ts';
import { searchRoutes } from './search-routes.ts';

export interface StandInParts {
  crm: Crm;
  oauth: OAuthServer;
  limiter: RateLimiter;
  faults: FaultPlan;
  log: RequestLog;
}

export function createHttpApp({ crm, oauth, limiter, faults, log }: StandInParts): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(log.middleware());

  // Every response carries the caller's rate-limit position, failures included.
  app.use((req, res, next) => {
    res.set(limiter.headers(oauth.kindOf(req.get('authorization'))));
    next();
  });

  app.use((req, res, next) => {
    const fault = faults.take(req.method, req.path);
    if (!fault) return next();
    res.set(fault.headers);
    res.status(fault.status);
    if (typeof fault.body === 'string') res.type(res.get('content-type') ?? 'text/plain').send(fault.body);
    else res.json(fault.body);
  });

  app.use(oauthRoutes(oauth));
  app.use('/crm', authenticate(oauth, limiter), express.json({ limit: '10mb' }));
  app.use(searchRoutes(crm));
  app.use(objectRoutes(crm, faults));
  app.use(propertyRoutes(crm));
  app.use(ownerRoutes(crm.owners));
  app.use(associationRoutes(crm));

  app.use((req: Request) => {
    throw apiError(404, 'OBJECT_NOT_FOUND', `The stand-in serves no ${req.method} ${req.path}`);
  });

  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const known =
      error instanceof HubSpotError
        ? error
        : (error as { type?: string }).type === 'entity.parse.failed'
          ? validationError(`Invalid input JSON: ${(error as Error).message}`)
          : new HubSpotError(500, {
              status: 'error',
              message: `internal error: ${(error as Error).message}`,
              correlationId: correlationId(),
            });
    res.set(known.headers);
    res.status(known.status).json(known.body);
  });

  return app;
}
