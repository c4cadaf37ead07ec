import { createHash, timingSafeEqual } from 'node:crypto';
import { Router } from 'express';
import { routes } from '@sdr/shared';
import type { PrismaClient } from '../../db/generated/client.ts';
import { registerTenant, TenantExistsError } from '../../tenancy/tenants.ts';
import { HttpProblem } from '../problems.ts';
import { publicRoute } from '../route.ts';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Self-service registration for the CRM tools (`sf sdr connect`): the operator hands an admin the service's
 * registration token instead of running `npm run admin -- tenant create` for each org. Without a token configured
 * the door is shut, so a service never accepts strangers by default.
 */
export function tenantRoutes(deps: { prisma: PrismaClient; registrationToken: string | undefined }): Router {
  const router = Router();
  const expected = deps.registrationToken === undefined ? null : digest(deps.registrationToken);

  publicRoute(router, routes.registerTenant, async ({ body, req }) => {
    if (!expected)
      throw new HttpProblem(
        403,
        'Registration is turned off on this service: its operator sets REGISTRATION_TOKEN, or creates the tenant with npm run admin -- tenant create',
      );
    const given = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
    // Compared as digests, in constant time: the token's length leaks nothing either.
    if (!given || !timingSafeEqual(digest(given), expected))
      throw new HttpProblem(403, 'The registration token is missing or wrong', [
        { field: 'header.authorization', message: 'Bearer <registration token> expected' },
      ]);
    const registered = await registerTenant(deps.prisma, body).catch((error: unknown) => {
      if (!(error instanceof TenantExistsError)) throw error;
      throw new HttpProblem(409, error.message, [
        { field: 'body.currentApiKey', message: 'a current key of this tenant' },
      ]);
    });
    req.log.info({ tenantId: registered.tenantId, created: registered.created }, 'tenant registered');
    return { status: registered.created ? 201 : 200, body: registered };
  });

  return router;
}
