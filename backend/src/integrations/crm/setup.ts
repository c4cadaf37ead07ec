import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { ScoringJobs } from '../../agents/scoring/jobs.ts';
import { rescoreSoon } from '../../agents/scoring/rescore-soon.ts';
import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { PrismaClient } from '../../db/generated/client.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import type { Logger } from '../../logger.ts';
import { parseKey, SecretBox } from '../../security/secret-box.ts';
import type { CrmContext } from './crm-access.ts';
import { crmJobs } from './jobs.ts';

const WRITE_BACK_WINDOW_MS = 1_000;

/** The CRM integration as the service runs it: its context and its jobs, which hand changed leads to scoring. */
export function crmIntegration(deps: {
  prisma: PrismaClient;
  jobs: JobQueue;
  scoring: ScoringJobs;
  clock: Clock;
  context: CrmContext;
}) {
  const leadsChanged = (tenantId: string, leadIds: string[]) => rescoreSoon(deps, tenantId, leadIds);
  const jobs = crmJobs({ prisma: deps.prisma, context: deps.context, clock: deps.clock, leadsChanged });
  /**
   * Scores or an owner waiting: sent within about a second, one drain per tenant per second however many batches
   * land. The drain starts when its second is over, so whatever was queued during that second goes with it; a
   * drain that had already started would leave it waiting for the next trigger.
   */
  const writeBackSoon = async (tenantId: string) => {
    if ((await deps.prisma.crmConnection.count({ where: { tenantId } })) === 0) return;
    const slot = Math.floor(Date.now() / WRITE_BACK_WINDOW_MS);
    await deps.jobs.enqueue(
      jobs.writeBack,
      tenantId,
      {},
      { idempotencyKey: `after-${slot}`, startAfter: new Date((slot + 1) * WRITE_BACK_WINDOW_MS) },
    );
  };
  /** Every connected tenant's sync, enqueued once per interval slot whatever the number of replicas asking. */
  const syncAllSoon = async (intervalMs: number) => {
    const connected = await deps.prisma.crmConnection.findMany({
      where: { status: { in: ['connected', 'paused', 'error'] } },
      select: { tenantId: true },
    });
    for (const { tenantId } of connected)
      await deps.jobs.enqueue(
        jobs.sync,
        tenantId,
        {},
        { idempotencyKey: `every-${Math.floor(Date.now() / intervalMs)}` },
      );
  };
  return { context: deps.context, jobs, leadsChanged, writeBackSoon, syncAllSoon };
}

/**
 * The key that seals CRM tokens: ENCRYPTION_KEY, or else one generated once into the data folder. A generated key
 * suits one machine only (replicas would each make their own), so the service says so when it falls back to one.
 */
export async function secretBox(
  config: Pick<Config, 'encryptionKey' | 'previousEncryptionKeys' | 'dataDir'>,
  logger: Logger,
): Promise<SecretBox> {
  if (config.encryptionKey) return new SecretBox(config.encryptionKey, config.previousEncryptionKeys);
  const file = path.join(config.dataDir, 'encryption-key');
  if (!existsSync(file)) {
    await mkdir(config.dataDir, { recursive: true });
    await writeFile(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' }).catch((error) => {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    });
    logger.warn(
      { file },
      'ENCRYPTION_KEY is not set: CRM tokens are sealed with a key generated in the data folder; set ENCRYPTION_KEY when running more than one instance',
    );
  }
  return new SecretBox(parseKey(await readFile(file, 'utf8')), config.previousEncryptionKeys);
}
