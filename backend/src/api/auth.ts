import type { RequestHandler } from 'express';
import type { Prisma, PrismaClient } from '../db/generated/client.ts';
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

type RosterUser = RequestTenant['user'];

/** The roster user matching any of these conditions within the tenant, or null (none given, or nobody matches). */
export function rosterUser(
  prisma: PrismaClient,
  tenantId: string,
  matches: Prisma.UserWhereInput[],
): Promise<RosterUser> {
  if (matches.length === 0) return Promise.resolve(null);
  return prisma.user.findFirst({ where: { tenantId, OR: matches }, select: { id: true, name: true } });
}

/** The caller as routes see it: its tenant, a database scoped to it, and who is credited with what it writes. */
export function requestTenant(
  prisma: PrismaClient,
  caller: { tenantId: string; keyId: string; user: RosterUser; uncredited: string },
): RequestTenant {
  const { uncredited, ...rest } = caller;
  return { ...rest, db: new TenantDb(prisma, caller.tenantId, caller.user ? `user:${caller.user.id}` : uncredited) };
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
  const user = await rosterUser(prisma, tenantId, [
    { id: value },
    { crmUserId: value },
    { email: { equals: value, mode: 'insensitive' } },
  ]);
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
  return rosterUser(prisma, tenantId, [{ crmUserId: { in: [value, value.slice(0, 15)] } }]);
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
    res.locals.tenant = requestTenant(prisma, { ...verified, user, uncredited: `api-key:${verified.keyId}` });
    next();
  };
}
