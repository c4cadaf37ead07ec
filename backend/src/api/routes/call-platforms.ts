import { Router } from 'express';
import { routes, type CallPlatformSettings } from '@sdr/shared';
import { Prisma } from '../../db/generated/client.ts';
import type { CallPlatforms } from '../../integrations/calls/platforms.ts';
import { HttpProblem } from '../problems.ts';
import { tenantRoute } from '../route.ts';
import type { RequestTenant } from '../auth.ts';

type Subscription = CallPlatformSettings['teamsSubscription'];

/**
 * The call platform accounts an admin registers for the workspace: Zoom and Graph webhooks name an account, and this
 * is how they find their tenant. One account belongs to one workspace. Registering an Entra tenant subscribes to its
 * Teams transcripts at once (Microsoft validates our notification URL then), so the admin sees straight away whether
 * the consent and access policy are in place.
 */
export function callPlatformRoutes(deps: { publicUrl: string | undefined; teams: CallPlatforms['teams'] }) {
  const router = Router();
  const base = deps.publicUrl?.replace(/\/+$/, '') ?? '';

  const subscriptionOf = async (tenant: RequestTenant, entraTenantId: string | null): Promise<Subscription> => {
    if (!deps.teams) return { status: 'not_configured', expiresAt: null, message: null };
    if (!entraTenantId) return { status: 'none', expiresAt: null, message: null };
    const row = await tenant.db.client.teamsSubscription.findFirst({ orderBy: { expiresAt: 'desc' } });
    return row
      ? { status: 'active', expiresAt: row.expiresAt.toISOString(), message: null }
      : { status: 'failed', expiresAt: null, message: 'No subscription yet: register the Entra tenant again to retry' };
  };
  const view = (
    tenant: { zoomAccountId: string | null; entraTenantId: string | null },
    teamsSubscription: Subscription,
  ): CallPlatformSettings => ({
    zoomAccountId: tenant.zoomAccountId,
    entraTenantId: tenant.entraTenantId,
    zoomWebhookUrl: `${base}/webhooks/zoom`,
    teamsNotificationUrl: `${base}/webhooks/teams`,
    teamsSubscription,
  });
  const accountsOf = (tenant: RequestTenant) =>
    tenant.db.client.tenant.findUniqueOrThrow({
      where: { id: tenant.tenantId },
      select: { zoomAccountId: true, entraTenantId: true },
    });

  tenantRoute(router, routes.getCallPlatforms, async ({ tenant }) => {
    const row = await accountsOf(tenant);
    return { status: 200, body: view(row, await subscriptionOf(tenant, row.entraTenantId)) };
  });

  tenantRoute(router, routes.updateCallPlatforms, async ({ body, tenant }) => {
    const before = await accountsOf(tenant);
    let row: typeof before;
    try {
      row = await tenant.db.write((tx) =>
        tx.tenant.update({
          where: { id: tenant.tenantId },
          data: {
            ...(body.zoomAccountId !== undefined ? { zoomAccountId: body.zoomAccountId } : {}),
            ...(body.entraTenantId !== undefined ? { entraTenantId: body.entraTenantId?.toLowerCase() ?? null } : {}),
          },
          select: { zoomAccountId: true, entraTenantId: true },
        }),
      );
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')
        throw new HttpProblem(409, 'Another workspace has registered that account', [
          { field: body.zoomAccountId ? 'body.zoomAccountId' : 'body.entraTenantId', message: 'registered elsewhere' },
        ]);
      throw error;
    }
    if (!deps.teams || row.entraTenantId === before.entraTenantId)
      return { status: 200, body: view(row, await subscriptionOf(tenant, row.entraTenantId)) };

    // Another (or no) Entra tenant: the old subscriptions go, and a new one is asked for.
    for (const old of await tenant.db.client.teamsSubscription.findMany()) {
      await deps.teams.graph.deleteSubscription(old.entraTenantId, old.id).catch(() => undefined);
      await deps.teams.subscriptions.remove(old.id);
    }
    if (!row.entraTenantId) return { status: 200, body: view(row, await subscriptionOf(tenant, null)) };
    try {
      const created = await deps.teams.subscribe(row.entraTenantId);
      return {
        status: 200,
        body: view(row, { status: 'active', expiresAt: created.expirationDateTime, message: null }),
      };
    } catch (error) {
      const message = `Microsoft did not accept the subscription: ${(error as Error).message}`.slice(0, 500);
      return { status: 200, body: view(row, { status: 'failed', expiresAt: null, message }) };
    }
  });

  return router;
}
