import type { JobQueue } from '../../jobs/queue.ts';
import type { ScoringJobs } from './jobs.ts';

const CHUNK = 1000;

/**
 * Leads created or changed (through the API or in the CRM) are rescored in the background, within about a second
 * (the queue polls twice a second).
 */
export async function rescoreSoon(
  deps: { jobs: JobQueue; scoring: ScoringJobs },
  tenantId: string,
  leadIds: string[],
): Promise<void> {
  const unique = [...new Set(leadIds)];
  for (let start = 0; start < unique.length; start += CHUNK)
    await deps.jobs.enqueue(deps.scoring.rescoreLeads, tenantId, { leadIds: unique.slice(start, start + CHUNK) });
}
