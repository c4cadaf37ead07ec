import type { ScoringJobs } from '../agents/scoring/jobs.ts';
import type { Clock } from '../clock.ts';
import type { JobQueue } from '../jobs/queue.ts';

/** What routes need to hand work to the agents. */
export interface AgentDeps {
  jobs: JobQueue;
  scoring: ScoringJobs;
  clock: Clock;
}

const CHUNK = 1000;

/** Leads created or changed are rescored in the background, within about a second (the queue polls twice a second). */
export async function rescoreSoon(deps: AgentDeps, tenantId: string, leadIds: string[]): Promise<void> {
  const unique = [...new Set(leadIds)];
  for (let start = 0; start < unique.length; start += CHUNK)
    await deps.jobs.enqueue(deps.scoring.rescoreLeads, tenantId, { leadIds: unique.slice(start, start + CHUNK) });
}
