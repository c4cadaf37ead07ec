import { z } from 'zod';
import { Id, Timestamp } from './common.ts';

export const JobState = z
  .enum(['created', 'retry', 'active', 'completed', 'cancelled', 'failed'])
  .meta({ id: 'JobState' });

export const JobProgress = z
  .object({
    done: z.number().int().min(0),
    total: z.number().int().min(0).nullable(),
    message: z.string().nullable(),
  })
  .meta({ id: 'JobProgress' });
export type JobProgress = z.infer<typeof JobProgress>;

export const Job = z
  .object({
    id: Id,
    queue: z.string(),
    state: JobState,
    progress: JobProgress.nullable(),
    attempts: z.number().int().min(0).meta({ description: 'Retries used so far' }),
    maxAttempts: z.number().int().min(0),
    output: z.unknown().nullable().meta({ description: 'Result of a completed job, or the error of a failed one' }),
    createdAt: Timestamp,
    startedAt: Timestamp.nullable(),
    completedAt: Timestamp.nullable(),
  })
  .meta({ id: 'Job', description: 'A background job (sync, scoring, training, research, SLA check)' });
export type Job = z.infer<typeof Job>;

export const jobExample: Job = {
  id: '019a3b52-7c1d-7e2f-9a0b-3c4d5e6f7a8b',
  queue: 'scoring.rescore-tenant',
  state: 'active',
  progress: { done: 1200, total: 5000, message: 'Scoring leads' },
  attempts: 0,
  maxAttempts: 5,
  output: null,
  createdAt: '2026-11-24T09:00:00.000Z',
  startedAt: '2026-11-24T09:00:01.000Z',
  completedAt: null,
};
