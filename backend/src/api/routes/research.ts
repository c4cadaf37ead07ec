import { Router } from 'express';
import { routes } from '@sdr/shared';
import type { ResearchJobs } from '../../agents/research/jobs.ts';
import {
  chooseRegisterEntry,
  InvalidCompanyNumber,
  reportView,
  requestResearch,
  UnknownSubjectError,
} from '../../agents/research/research-service.ts';
import type { Clock } from '../../clock.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import { HttpProblem, notFound } from '../problems.ts';
import { tenantRoute } from '../route.ts';

function subjectProblem(error: unknown): never {
  if (!(error instanceof UnknownSubjectError)) throw error;
  if (error.kind === 'lead_without_company')
    throw new HttpProblem(422, 'This lead has no company to research: link it to its company first', [
      { field: 'body.leadId', message: 'the lead has no company' },
    ]);
  throw notFound(error.kind);
}

export function researchRoutes(deps: { jobs: JobQueue; research: ResearchJobs; clock: Clock }): Router {
  const router = Router();

  tenantRoute(router, routes.requestResearch, async ({ body, tenant, res }) => {
    const { report, created } = await requestResearch(tenant.db, body, deps.clock.now()).catch(subjectProblem);
    if (!created) return { status: 200, body: reportView(report) };
    await deps.jobs.enqueue(deps.research.researchCompany, tenant.tenantId, { reportId: report.id });
    res.location(`/v1/research/${report.id}`);
    return { status: 202, body: reportView(report) };
  });

  tenantRoute(router, routes.getResearch, async ({ params, tenant }) => {
    const report = await tenant.db.client.researchReport.findFirst({ where: { id: params.id } });
    if (!report) throw notFound('research report');
    return { status: 200, body: reportView(report) };
  });

  tenantRoute(router, routes.chooseRegisterEntry, async ({ params, body, tenant }) => {
    const companyNumber = await chooseRegisterEntry(tenant.db, params.id, body.companyNumber).catch(
      (error: unknown) => {
        if (error instanceof InvalidCompanyNumber)
          throw new HttpProblem(422, 'That cannot be a UK company number', [
            { field: 'body.companyNumber', message: 'eight digits (e.g. 08123456), or two letters and six digits' },
          ]);
        return subjectProblem(error);
      },
    );
    return { status: 200, body: { companyNumber } };
  });

  return router;
}
