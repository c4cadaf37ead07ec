import { createHash } from 'node:crypto';
import { PgBoss, type Job as BossJob, type QueuePolicy } from 'pg-boss';
import type { z } from 'zod';
import type { Job, JobProgress } from '@sdr/shared';
import type { Database } from '../db/connect.ts';
import type { PrismaClient } from '../db/generated/client.ts';
import type { Logger } from '../logger.ts';

/** The envelope every job carries: whose work it is, and the validated payload. */
interface Envelope<T> {
  tenantId: string;
  payload: T;
}

export interface JobContext {
  tenantId: string;
  jobId: string;
  attempt: number;
  reportProgress(progress: JobProgress): Promise<void>;
  signal: AbortSignal;
}

export interface JobDefinition<S extends z.ZodType> {
  /** Queue name, e.g. `scoring.rescore-tenant`. */
  name: string;
  payload: S;
  /**
   * `ordered`: one tenant's jobs run one at a time in the order sent (sync, rescoring); `parallel` otherwise.
   */
  order: 'ordered' | 'parallel';
  retryLimit?: number;
  /** First retry delay in seconds; doubles with each retry (with jitter), up to retryDelayMax. */
  retryDelay?: number;
  retryDelayMax?: number;
  expireInSeconds?: number;
  concurrency?: number;
  handler: (payload: z.output<S>, context: JobContext) => Promise<unknown>;
}

export interface EnqueueOptions {
  /** Sending twice with the same key yields the same job (within the queue's retention). */
  idempotencyKey?: string;
  startAfter?: Date;
}

const DEAD_LETTER_SUFFIX = '.dead';

function idempotentId(tenantId: string, queue: string, key: string): string {
  const hex = createHash('sha256').update(`${tenantId}\u0000${queue}\u0000${key}`).digest('hex');
  // Shaped as an RFC 4122 UUID (version 5 style) because the queue's ids are uuid-typed.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The one durable job queue (pg-boss in the same PostgreSQL or PGlite database). Jobs belong to a tenant; failed
 * attempts are retried with exponential backoff and, once the retries are spent, copied to the queue's dead-letter
 * queue (`<name>.dead`) for inspection and redrive.
 */
export class JobQueue {
  readonly boss: PgBoss;
  private readonly prisma: PrismaClient;
  private readonly logger: Logger;
  private readonly definitions = new Map<string, JobDefinition<z.ZodType>>();
  private readonly aborts = new Set<AbortController>();

  constructor(options: { db: Database; logger: Logger; poolSize?: number }) {
    this.prisma = options.db.prisma;
    this.logger = options.logger.child({ component: 'jobs' });
    const shared = options.db.kind === 'pglite';
    this.boss = new PgBoss({
      // On the embedded database the queue shares the one connection (see db/connect.ts); on a server it has its own.
      ...(shared
        ? { db: { executeSql: (text: string, values?: unknown[]) => options.db.pool.query(text, values) } }
        : { ...(options.db.connection as object), max: options.poolSize ?? 4, application_name: 'sdr-jobs' }),
      schema: 'pgboss',
    });
    this.boss.on('error', (error: unknown) => this.logger.error({ err: error }, 'job queue error'));
  }

  async start(): Promise<void> {
    await this.boss.start();
  }

  /** Declares a queue (and its dead-letter queue); `work` starts consuming it in this process. */
  async define<S extends z.ZodType>(definition: JobDefinition<S>, options: { work: boolean }): Promise<void> {
    const policy: QueuePolicy = definition.order === 'ordered' ? 'key_strict_fifo' : 'standard';
    const deadLetter = `${definition.name}${DEAD_LETTER_SUFFIX}`;
    await this.boss.createQueue(deadLetter, { retentionSeconds: 30 * 24 * 3600, deleteAfterSeconds: 30 * 24 * 3600 });
    await this.boss.createQueue(definition.name, {
      policy,
      deadLetter,
      retryLimit: definition.retryLimit ?? 5,
      retryDelay: definition.retryDelay ?? 5,
      retryBackoff: true,
      retryDelayMax: definition.retryDelayMax ?? 15 * 60,
      expireInSeconds: definition.expireInSeconds ?? 15 * 60,
    });
    this.definitions.set(definition.name, definition as unknown as JobDefinition<z.ZodType>);
    if (options.work) await this.work(definition as unknown as JobDefinition<z.ZodType>);
  }

  private async work(definition: JobDefinition<z.ZodType>): Promise<void> {
    await this.boss.work<Envelope<unknown>>(
      definition.name,
      { batchSize: 1, localConcurrency: definition.concurrency ?? 1, pollingIntervalSeconds: 0.5 },
      async ([job]: BossJob<Envelope<unknown>>[]) => {
        if (!job) return undefined;
        const { tenantId } = job.data;
        const payload = definition.payload.parse(job.data.payload);
        const abort = new AbortController();
        this.aborts.add(abort);
        job.signal.addEventListener('abort', () => abort.abort(), { once: true });
        try {
          return await definition.handler(payload, {
            tenantId,
            jobId: job.id,
            attempt: job.retryCount + 1,
            signal: abort.signal,
            reportProgress: async (progress) => {
              await this.prisma.job.update({
                where: { tenantId_id: { tenantId, id: job.id } },
                data: { progress },
              });
            },
          });
        } catch (error) {
          this.logger.warn({ err: error, queue: definition.name, jobId: job.id, tenantId }, 'job attempt failed');
          throw error;
        } finally {
          this.aborts.delete(abort);
        }
      },
    );
  }

  /** Sends a job for a tenant and returns its id (the existing job's id when the idempotency key was seen). */
  async enqueue<S extends z.ZodType>(
    definition: JobDefinition<S>,
    tenantId: string,
    payload: z.input<S>,
    options: EnqueueOptions = {},
  ): Promise<string> {
    const data: Envelope<unknown> = { tenantId, payload: definition.payload.parse(payload) };
    const id = options.idempotencyKey ? idempotentId(tenantId, definition.name, options.idempotencyKey) : undefined;
    if (id) {
      const known = await this.prisma.job.findUnique({ where: { tenantId_id: { tenantId, id } } });
      if (known) return id;
    }
    const sent = await this.boss.send(definition.name, data as object, {
      ...(id ? { id } : {}),
      ...(definition.order === 'ordered' ? { singletonKey: tenantId } : {}),
      ...(options.startAfter ? { startAfter: options.startAfter } : {}),
    });
    const jobId = sent ?? id;
    if (!jobId) throw new Error(`The queue refused a job for ${definition.name}`);
    await this.prisma.job.upsert({
      where: { tenantId_id: { tenantId, id: jobId } },
      create: { tenantId, id: jobId, queue: definition.name, key: options.idempotencyKey ?? null },
      update: {},
    });
    return jobId;
  }

  /** A tenant's job by id, with its state from the queue and progress from the worker; null when not the tenant's. */
  async get(tenantId: string, id: string): Promise<Job | null> {
    const row = await this.prisma.job.findUnique({ where: { tenantId_id: { tenantId, id } } });
    if (!row) return null;
    const [meta] = await this.boss.findJobs<Envelope<unknown>>(row.queue, { id });
    // The queue deletes finished jobs after its retention period (7 days); past it there is nothing left to tell.
    if (!meta) return null;
    const progress = (row.progress as JobProgress | null) ?? null;
    return {
      id,
      queue: row.queue,
      state: meta.state,
      progress,
      attempts: meta.retryCount,
      maxAttempts: meta.retryLimit,
      output: (meta.output as unknown) ?? null,
      createdAt: meta.createdOn.toISOString(),
      startedAt: meta.startedOn ? new Date(meta.startedOn).toISOString() : null,
      completedAt: meta.completedOn ? new Date(meta.completedOn).toISOString() : null,
    };
  }

  /** Stops taking jobs, lets running ones finish (up to the timeout), then closes the queue's connections. */
  async stop(timeoutMs: number): Promise<void> {
    await this.boss.stop({ graceful: true, timeout: timeoutMs, close: true });
    for (const abort of this.aborts) abort.abort();
  }
}
