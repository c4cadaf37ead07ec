import type { RequestHandler } from 'express';
import type { PrismaClient } from '../db/generated/client.ts';
import { TenantDb } from '../db/tenant-db.ts';
import { verifyApiKey } from '../tenancy/api-keys.ts';
import { HttpProblem } from './problems.ts';

export interface RequestTenant {
  tenantId: string;
  keyId: string;
  db: TenantDb;
  /** The person the CRM says is making the request (`X-SDR-User`), when it says. */
  user: { id: string; name: string } | null;
}

/**
 * The CRM components act for their signed-in user: Salesforce's Apex sends the running user's id, HubSpot's the
 * user's id or e-mail. It is checked against the tenant's users (by suite id, CRM user id or e-mail), never trusted
 * as it comes: an unknown user is refused rather than recorded under a name nobody has.
 */
async function requestUser(prisma: PrismaClient, tenantId: string, header: string | undefined) {
  if (header === undefined) return null;
  const value = header.trim();
  if (value === '' || value.length > 320)
    throw new HttpProblem(400, 'X-SDR-User must name one user', [
      { field: 'header.x-sdr-user', message: 'empty or too long' },
    ]);
  const user = await prisma.user.findFirst({
    where: {
      tenantId,
      OR: [{ id: value }, { crmUserId: value }, { email: { equals: value, mode: 'insensitive' } }],
    },
    select: { id: true, name: true },
  });
  if (!user)
    throw new HttpProblem(403, 'X-SDR-User names nobody in this workspace', [
      { field: 'header.x-sdr-user', message: 'no user with this id, CRM user id or e-mail' },
    ]);
  return user;
}

/**
 * Salesforce's Apex names its running user on every call (`X-SDR-Salesforce-User`), whoever they are: an admin
 * opening the console need not be on the SDR roster. The org's key vouches for the header, so a user on the roster
 * is credited with what they do, and anyone else's calls go uncredited rather than refused.
 */
async function salesforceUser(prisma: PrismaClient, tenantId: string, header: string | undefined) {
  const value = header?.trim();
  if (!value || !/^005[A-Za-z0-9]{12}(?:[A-Za-z0-9]{3})?$/.test(value)) return null;
  // Salesforce ids come as 15 or 18 characters; the roster may hold either form.
  return prisma.user.findFirst({
    where: { tenantId, crmUserId: { in: [value, value.slice(0, 15)] } },
    select: { id: true, name: true },
  });
}

declare module 'express-serve-static-core' {
  interface Locals {
    tenant?: RequestTenant;
  }
}

/** Resolves `Authorization: Bearer <key>` to the caller's tenant and a database scoped to it. */
export function requireTenant(prisma: PrismaClient): RequestHandler {
  return async (req, res, next) => {
    // Already known from a signed HubSpot app request (hubspot-requests.ts): there is no key to check.
    if (res.locals.tenant) return next();
    const header = req.get('authorization');
    if (!header) return next(new HttpProblem(401, 'Send the API key as Authorization: Bearer <key>'));
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) return next(new HttpProblem(401, 'The Authorization header must be: Bearer <key>'));
    const verified = await verifyApiKey(prisma, match[1]);
    if (!verified) return next(new HttpProblem(401, 'The API key is unknown or revoked'));
    let user: RequestTenant['user'];
    try {
      const named = req.get('x-sdr-user');
      user =
        named === undefined
          ? await salesforceUser(prisma, verified.tenantId, req.get('x-sdr-salesforce-user'))
          : await requestUser(prisma, verified.tenantId, named);
    } catch (error) {
      return next(error);
    }
    res.locals.tenant = {
      ...verified,
      user,
      db: new TenantDb(prisma, verified.tenantId, user ? `user:${user.id}` : `api-key:${verified.keyId}`),
    };
    next();
  };
}
