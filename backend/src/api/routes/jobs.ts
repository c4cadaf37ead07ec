import { Router } from 'express';
import { routes } from '@sdr/shared';
import type { JobQueue } from '../../jobs/queue.ts';
import { notFound } from '../problems.ts';
import { tenantRoute } from '../route.ts';

export function jobRoutes(jobs: JobQueue): Router {
  const router = Router();
  tenantRoute(router, routes.getJob, async ({ params, tenant }) => {
    const job = await jobs.get(tenant.tenantId, params.id);
    if (!job) throw notFound('job');
    return { status: 200, body: job };
  });
  return router;
}
