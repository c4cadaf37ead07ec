import express, { Router } from 'express';
import { HubSpotWebhookBatch } from '@sdr/shared';
import { randomUUID } from 'node:crypto';
import type { Prisma, PrismaClient } from '../../db/generated/client.ts';
import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import type { CrmJobs } from '../../integrations/crm/jobs.ts';
import { signedByHubSpot } from '../hubspot-signature.ts';
import { fieldErrors, HttpProblem } from '../problems.ts';

/**
 * HubSpot webhook deliveries. The signature is checked on the raw bytes before anything is parsed; each event is
 * stored by its event id first (a redelivery is stored once), then worked by a job, and the answer goes back at
 * once: HubSpot counts a reply slower than five seconds as a failure and retries up to ten times over a day.
 */
export function hubspotWebhooks(deps: {
  prisma: PrismaClient;
  jobs: JobQueue;
  crm: CrmJobs;
  clock: Clock;
  config: Pick<Config, 'publicUrl' | 'hubspot'>;
}): Router {
  const router = Router();
  router.post('/webhooks/hubspot', express.raw({ type: () => true, limit: '1mb' }), async (req, res) => {
    const rawBody = signedByHubSpot(req, deps.config, deps.clock.now(), 'HubSpot webhooks');
    let parsed: unknown;
    try {
      parsed = JSON.parse(rawBody);
    } catch {
      throw new HttpProblem(400, 'The body is not JSON', [{ field: 'body', message: 'not JSON' }]);
    }
    const batch = HubSpotWebhookBatch.safeParse(parsed);
    if (!batch.success) {
      const errors = fieldErrors('body', batch.error);
      throw new HttpProblem(400, errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
    }
    const portals = [...new Set(batch.data.map((event) => String(event.portalId)))];
    const tenants = await deps.prisma.tenant.findMany({
      where: { crm: 'hubspot', externalId: { in: portals } },
      select: { id: true, externalId: true },
    });
    if (tenants.length === 0) throw new HttpProblem(404, `No workspace for HubSpot portal ${portals.join(', ')}`);
    const tenantOf = new Map(tenants.map((tenant) => [tenant.externalId, tenant.id]));
    const rows = batch.data.flatMap((event) => {
      const tenantId = tenantOf.get(String(event.portalId));
      return tenantId
        ? [
            {
              tenantId,
              id: randomUUID(),
              provider: 'hubspot',
              eventId: String(event.eventId),
              payload: event as Prisma.InputJsonObject,
            },
          ]
        : [];
    });
    await deps.prisma.webhookEvent.createMany({ data: rows, skipDuplicates: true });
    for (const tenantId of new Set(rows.map((row) => row.tenantId)))
      await deps.jobs.enqueue(deps.crm.webhookEvents, tenantId, {});
    res.status(204).end();
  });
  return router;
}
