import type { z } from 'zod';
import type { JobDefinition, JobQueue } from './queue.ts';

/**
 * The background work of the service. Each agent adds its job definitions here (sync, scoring, training,
 * research, SLA checks) so that every process declares the same queues.
 */
export const jobDefinitions: JobDefinition<z.ZodType>[] = [];

export async function defineJobs(
  queue: JobQueue,
  definitions: JobDefinition<z.ZodType>[],
  work: boolean,
): Promise<void> {
  for (const definition of definitions) await queue.define(definition, { work });
}
