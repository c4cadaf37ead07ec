import { randomUUID } from 'node:crypto';
import { Prisma, type PrismaClient } from '../db/generated/client.ts';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import { ensureApiKey } from './demo/api-key-file.ts';
import { routeUnownedLeads, scoreAllLeads } from './demo/score-and-route.ts';
import { DEMO_TENANT } from './demo/tenant.ts';
import { writeDemoData } from './demo/write-demo-data.ts';

/**
 * The demo tenant: a Salesforce org of a vendor of fleet-tracking software ("FleetPulse") selling to UK, US and
 * European fleets. The data is generated from a fixed faker seed so every install shows the same people, companies
 * and history (only ids and dates, which are relative to the day of seeding, differ). Conversions follow lead
 * features (seniority, source, fleet size, free-mail, engagement) so a scoring model has something to learn.
 */

export { DEMO_TENANT };

export interface SeedResult {
  tenantId: string;
  apiKey: string;
  created: boolean;
}

export interface SeedOptions {
  /** Where the demo API key is kept between runs (written with mode 0600). */
  keyFile: string;
  /** The time scores and routing decisions are made at. */
  clock: Clock;
}

/**
 * Creates the demo tenant with a realistic book of business, once, then scores every lead and routes the recent
 * open ones nobody owns, so the demo shows scores, priorities and deadlines from the start. Later runs leave the
 * data alone (leads written since are scored by the job queue, as in any tenant) and only make sure the key in
 * `keyFile` still works, issuing a new one when the file is gone or its key was revoked.
 */
export async function seedDemoTenant(prisma: PrismaClient, logger: Logger, options: SeedOptions): Promise<SeedResult> {
  const existing = await findDemoTenant(prisma);
  if (existing) {
    const apiKey = await ensureApiKey(prisma, existing.id, options.keyFile, logger);
    return { tenantId: existing.id, apiKey, created: false };
  }

  const started = Date.now();
  // The builders (and faker under them) are loaded only when there is a tenant to build, not by every start.
  const { buildDemoData, countsOf } = await import('./demo/build-demo-data.ts');
  const data = buildDemoData(randomUUID(), options.clock.now());
  try {
    await writeDemoData(prisma, data);
  } catch (error) {
    // Another process seeded at the same moment: its tenant stands, ours rolled back.
    const raced = isUniqueViolation(error) ? await findDemoTenant(prisma) : null;
    if (!raced) throw error;
    const apiKey = await ensureApiKey(prisma, raced.id, options.keyFile, logger);
    return { tenantId: raced.id, apiKey, created: false };
  }
  // Scored and routed after the commit, by the agents themselves, before the service serves anything.
  const scored = await scoreAllLeads(prisma, data.tenant.id, options.clock);
  const routed = await routeUnownedLeads(prisma, data.tenant.id, options.clock);
  // Issued after the commit: a key must never point at a tenant that was rolled back. If the process dies here,
  // the next run finds the tenant without a key file and issues one.
  const apiKey = await ensureApiKey(prisma, data.tenant.id, options.keyFile, logger);
  logger.info(
    { tenantId: data.tenant.id, counts: { ...countsOf(data), scored, routed }, ms: Date.now() - started },
    'demo tenant seeded',
  );
  return { tenantId: data.tenant.id, apiKey, created: true };
}

function findDemoTenant(prisma: PrismaClient) {
  return prisma.tenant.findUnique({
    where: { crm_externalId: { crm: DEMO_TENANT.crm, externalId: DEMO_TENANT.externalId } },
    select: { id: true },
  });
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}
