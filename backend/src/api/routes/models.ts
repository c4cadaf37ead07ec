import { Router } from 'express';
import { routes } from '@sdr/shared';
import type { Clock } from '../../clock.ts';
import type { ScoringJobs } from '../../agents/scoring/jobs.ts';
import { activateVersion, listVersions } from '../../agents/scoring/model-registry.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import { HttpProblem } from '../problems.ts';
import { tenantRoute } from '../route.ts';

export function modelRoutes(deps: { jobs: JobQueue; scoring: ScoringJobs; clock: Clock }): Router {
  const router = Router();

  tenantRoute(router, routes.listModels, async ({ tenant }) => ({
    status: 200,
    body: { data: await listVersions(tenant.db.client) },
  }));

  tenantRoute(router, routes.trainModel, async ({ body, tenant, res }) => {
    const id = await deps.jobs.enqueue(deps.scoring.train, tenant.tenantId, body);
    res.location(`/v1/jobs/${id}`);
    return { status: 202, body: { job: await deps.jobs.get(tenant.tenantId, id) } };
  });

  tenantRoute(router, routes.promoteModel, async ({ params, tenant }) => {
    const version = await activateVersion(tenant.db, params.version, deps.clock.now());
    if (!version) throw new HttpProblem(404, `No model version ${params.version} for your tenant`);
    return { status: 200, body: version };
  });

  return router;
}
