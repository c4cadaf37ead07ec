import type { z } from 'zod';
import type { JobDefinition, JobQueue } from './queue.ts';

/** Declares every queue the service uses, in every process, and works them where workers are enabled. */
export async function defineJobs(
  queue: JobQueue,
  definitions: JobDefinition<z.ZodType>[],
  work: boolean,
): Promise<void> {
  for (const definition of definitions) await queue.define(definition, { work });
}
