import type { ScoringJobs } from '../agents/scoring/jobs.ts';
import type { Clock } from '../clock.ts';
import type { JobQueue } from '../jobs/queue.ts';

/** What routes need to hand work to the agents. */
export interface AgentDeps {
  jobs: JobQueue;
  scoring: ScoringJobs;
  clock: Clock;
}

export { rescoreSoon } from '../agents/scoring/rescore-soon.ts';
