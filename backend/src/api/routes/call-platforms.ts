import { Router } from 'express';
import { routes, type CallPlatformSettings } from '@sdr/shared';
import { Prisma } from '../../db/generated/client.ts';
import { HttpProblem } from '../problems.ts';
import { tenantRoute } from '../route.ts';

/**
 * The call platform accounts an admin registers for the workspace: Zoom and Graph webhooks name an account, and this
 * is how they find their tenant. One account belongs to one workspace.
 */
export function callPlatformRoutes(deps: { publicUrl: string | undefined }) {
  const router = Router();
  const base = deps.publicUrl?.replace(/\/+$/, '') ?? '';
  const view = (tenant: { zoomAccountId: string | null; entraTenantId: string | null }): CallPlatformSettings => ({
    zoomAccountId: tenant.zoomAccountId,
    entraTenantId: tenant.entraTenantId,
    zoomWebhookUrl: `${base}/webhooks/zoom`,
    teamsNotificationUrl: `${base}/webhooks/teams`,
  });

  tenantRoute(router, routes.getCallPlatforms, async ({ tenant }) => {
    const row = await tenant.db.client.tenant.findUniqueOrThrow({
      where: { id: tenant.tenantId },
      select: { zoomAccountId: true, entraTenantId: true },
    });
    return { status: 200, body: view(row) };
  });

  tenantRoute(router, routes.updateCallPlatforms, async ({ body, tenant }) => {
    try {
      const row = await tenant.db.write((tx) =>
        tx.tenant.update({
          where: { id: tenant.tenantId },
          data: {
            ...(body.zoomAccountId !== undefined ? { zoomAccountId: body.zoomAccountId } : {}),
            ...(body.entraTenantId !== undefined ? { entraTenantId: body.entraTenantId?.toLowerCase() ?? null } : {}),
          },
          select: { zoomAccountId: true, entraTenantId: true },
        }),
      );
      return { status: 200, body: view(row) };
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')
        throw new HttpProblem(409, 'Another workspace has registered that account', [
          { field: body.zoomAccountId ? 'body.zoomAccountId' : 'body.entraTenantId', message: 'registered elsewhere' },
        ]);
      throw error;
    }
  });

  return router;
}
