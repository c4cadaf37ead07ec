import { Router } from 'express';
import { routes } from '@sdr/shared';
import type { Clock } from '../../clock.ts';
import type { ScoringJobs } from '../../agents/scoring/jobs.ts';
import {
  latestScore,
  scoreInlineLeads,
  scoreStoredLeads,
  UnknownLeadsError,
} from '../../agents/scoring/scoring-service.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import { HttpProblem, notFound } from '../problems.ts';
import { tenantRoute } from '../route.ts';

export function scoreRoutes(deps: { jobs: JobQueue; scoring: ScoringJobs; clock: Clock }): Router {
  const router = Router();

  tenantRoute(router, routes.scoreLeads, async ({ body, tenant }) => {
    const now = deps.clock.now();
    if ('leads' in body) return { status: 200, body: { data: await scoreInlineLeads(tenant.db, body.leads, now) } };
    try {
      const data = await scoreStoredLeads(tenant.db, body.leadIds, { store: body.store, now, requireAll: true });
      return { status: 200, body: { data } };
    } catch (error) {
      if (!(error instanceof UnknownLeadsError)) throw error;
      const errors = error.indexes.map((i) => ({ field: `body.leadIds.${i}`, message: 'no lead with this id' }));
      throw new HttpProblem(400, `Unknown lead id: ${errors.map((e) => e.field).join(', ')}`, errors);
    }
  });

  tenantRoute(router, routes.getLeadScore, async ({ params, tenant }) => {
    const lead = await tenant.db.client.lead.findFirst({ where: { id: params.id }, select: { id: true } });
    if (!lead) throw notFound('lead');
    let score = await latestScore(tenant.db, params.id);
    // A lead changing while it is scored is not stored (see insertScores): score it again as it is now.
    for (let attempt = 0; !score && attempt < 3; attempt += 1) {
      await scoreStoredLeads(tenant.db, [params.id], { store: true, now: deps.clock.now() });
      score = await latestScore(tenant.db, params.id);
    }
    if (!score) throw new HttpProblem(409, 'The lead keeps changing while it is scored; try again');
    return { status: 200, body: score };
  });

  tenantRoute(router, routes.rescoreAll, async ({ body, tenant, res }) => {
    const id = await deps.jobs.enqueue(deps.scoring.rescoreAll, tenant.tenantId, body);
    res.location(`/v1/jobs/${id}`);
    return { status: 202, body: { job: await deps.jobs.get(tenant.tenantId, id) } };
  });

  return router;
}
