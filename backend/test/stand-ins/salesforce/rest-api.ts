import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import { bulkIngestRoutes } from './bulk-ingest.ts';
import type { BulkIngestOptions } from './bulk-ingest.ts';
import { collectionRoutes } from './collection-routes.ts';
import { notFound } from './errors.ts';
import { limitsBody } from './limits.ts';
import { namedCredentialRoutes } from './named-credentials.ts';
import type { Org } from './org.ts';
import { queryRoutes } from './query-routes.ts';
import type { Session } from './sessions.ts';
import { sobjectRoutes } from './sobject-routes.ts';
import { toolingRoutes } from './tooling.ts';

/**
 * `/services/data/vXX.X/…`: every call needs a live session (401 `INVALID_SESSION_ID` otherwise), counts against
 * the daily API request limit (403 `REQUEST_LIMIT_EXCEEDED` beyond it) and is answered with `Sforce-Limit-Info`.
 */

export const VERSION = /^v\d{2,3}\.\d$/;

/** The session of the request, set once the request is authenticated. */
export function sessionOf(res: Response): Session {
  return res.locals.session as Session;
}

export function versionOf(req: Request): string {
  return String(req.params.version);
}

export function bearerToken(req: Request): string | null {
  return /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1] ?? null;
}

export function authenticate(org: Org) {
  return (req: Request, res: Response, next: NextFunction) => {
    const token = bearerToken(req);
    const session = token ? org.sessions.find(token) : undefined;
    if (!session) {
      res.status(401).json([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
      return;
    }
    res.locals.session = session;
    next();
  };
}

function countApiCall(org: Org) {
  return (_req: Request, res: Response, next: NextFunction) => {
    const limitInfo = () => `api-usage=${org.apiUsage.used}/${org.apiUsage.max}`;
    if (org.apiUsage.used >= org.apiUsage.max) {
      res.set('Sforce-Limit-Info', limitInfo());
      res.status(403).json([{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }]);
      return;
    }
    org.apiUsage.used += 1;
    res.set('Sforce-Limit-Info', limitInfo());
    next();
  };
}

export function restApiRoutes(org: Org, bulk: BulkIngestOptions): express.Router {
  const router = express.Router({ mergeParams: true });
  router.use((req, res, next) => {
    if (!VERSION.test(versionOf(req))) {
      res.status(404).json(notFound().body());
      return;
    }
    next();
  });
  router.use(authenticate(org), countApiCall(org));
  router.use(express.json({ limit: '50mb', type: ['application/json', 'application/*+json'] }));

  router.get('/', (req, res) => {
    const base = `/services/data/${versionOf(req)}`;
    const names = ['sobjects', 'query', 'queryAll', 'limits', 'composite', 'jobs', 'recent', 'search', 'tooling'];
    names.push('named-credentials');
    res.json(Object.fromEntries(names.map((name) => [name, `${base}/${name}`])));
  });
  router.get('/limits', (_req, res) => {
    res.json(limitsBody(org));
  });
  router.use('/sobjects', sobjectRoutes(org));
  router.use('/composite/sobjects', collectionRoutes(org));
  router.use(queryRoutes(org));
  router.use('/jobs/ingest', bulkIngestRoutes(org, bulk));
  router.use('/tooling', toolingRoutes(org));
  router.use('/named-credentials', namedCredentialRoutes(org.namedCredentials));
  router.use((_req, res) => {
    res.status(404).json(notFound().body());
  });
  return router;
}
