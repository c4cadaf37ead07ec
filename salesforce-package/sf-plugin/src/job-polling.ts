import { Job, routes } from '@sdr/shared';
import type { Backend } from './backend.ts';

type JobValue = ReturnType<typeof Job.parse>;

/**
 * Follows a job of the service until it ends or the time is up: polls `GET /v1/jobs/:id`, quickly at first, then
 * every few seconds, telling `onProgress` what the job reports.
 */
export async function waitForJob(
  backend: Backend,
  jobId: string,
  options: { timeoutMs: number; onProgress?: (job: JobValue) => void; firstDelayMs?: number },
): Promise<{ job: JobValue; finished: boolean }> {
  const deadline = Date.now() + options.timeoutMs;
  let delay = options.firstDelayMs ?? 250;
  for (;;) {
    const { data: job } = await backend.get(routes.getJob.path.replace(':id', encodeURIComponent(jobId)), Job);
    options.onProgress?.(job);
    if (job.state === 'completed' || job.state === 'failed' || job.state === 'cancelled') {
      return { job, finished: true };
    }
    const left = deadline - Date.now();
    if (left <= 0) return { job, finished: false };
    await new Promise((resolve) => setTimeout(resolve, Math.min(delay, left)));
    delay = Math.min(delay * 2, 3_000);
  }
}

export type { JobValue };
