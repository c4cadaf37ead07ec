import type { RequestHandler } from 'express';
import type { PrismaClient } from '../db/generated/client.ts';
import { TenantDb } from '../db/tenant-db.ts';
import { verifyApiKey } from '../tenancy/api-keys.ts';
import { HttpProblem } from './problems.ts';

export interface RequestTenant {
  tenantId: string;
  keyId: string;
  db: TenantDb;
}

declare module 'express-serve-static-core' {
  interface Locals {
    tenant?: RequestTenant;
  }
}

/** Resolves `Authorization: Bearer <key>` to the caller's tenant and a database scoped to it. */
export function requireTenant(prisma: PrismaClient): RequestHandler {
  return async (req, res, next) => {
    const header = req.get('authorization');
    if (!header) return next(new HttpProblem(401, 'Send the API key as Authorization: Bearer <key>'));
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) return next(new HttpProblem(401, 'The Authorization header must be: Bearer <key>'));
    const verified = await verifyApiKey(prisma, match[1]);
    if (!verified) return next(new HttpProblem(401, 'The API key is unknown or revoked'));
    res.locals.tenant = {
      ...verified,
      db: new TenantDb(prisma, verified.tenantId, `api-key:${verified.keyId}`),
    };
    next();
  };
}
