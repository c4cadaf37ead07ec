import { Router } from 'express';
import { routes, TenantSettings } from '@sdr/shared';
import type { Prisma } from '../../db/generated/client.ts';
import { readSettings } from '../../tenancy/settings.ts';
import { assertReferencesExist } from '../references.ts';
import { HttpProblem } from '../problems.ts';
import { tenantRoute } from '../route.ts';

/**
 * The workspace's settings. A change is merged section by section over what is stored, checked whole against the
 * contract (and the fallback owner against the roster), and stored only when it all holds. Scoring reads new
 * settings within five seconds; routing at its next lead.
 */
export function settingsRoutes() {
  const router = Router();

  tenantRoute(router, routes.getSettings, async ({ tenant }) => ({
    status: 200,
    body: await readSettings(tenant.db.client),
  }));

  tenantRoute(router, routes.updateSettings, async ({ body, tenant }) => {
    const current = await readSettings(tenant.db.client);
    const next = {
      ...current,
      ...Object.fromEntries(
        Object.entries(body).map(([section, change]) => [
          section,
          { ...(current[section as keyof TenantSettings] as object), ...(change as object) },
        ]),
      ),
    };
    const checked = TenantSettings.safeParse(next);
    if (!checked.success)
      throw new HttpProblem(
        400,
        'The settings do not hold together',
        checked.error.issues.map((issue) => ({ field: `body.${issue.path.join('.')}`, message: issue.message })),
      );
    const fallback = checked.data.routing.fallbackUserId;
    if (fallback && fallback !== current.routing.fallbackUserId)
      await assertReferencesExist(tenant.db.client, 'user', [{ field: 'body.routing.fallbackUserId', id: fallback }]);
    await tenant.db.write(async (tx) => {
      const row = await tx.tenant.findFirst({ select: { settings: true } });
      const stored = (row?.settings ?? {}) as Record<string, unknown>;
      const changed = Object.fromEntries(
        Object.keys(body).map((section) => [section, checked.data[section as keyof TenantSettings]]),
      );
      await tx.tenant.update({
        where: { id: tenant.tenantId },
        data: { settings: { ...stored, ...changed } as Prisma.InputJsonValue },
      });
    });
    return { status: 200, body: await readSettings(tenant.db.client) };
  });

  return router;
}
