import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { cachedScorer, forgetScorer } from '../../src/agents/scoring/scorer-setup.ts';
import type { Scorer } from '../../src/agents/scoring/score-lead.ts';
import type { Database } from '../../src/db/connect.ts';
import { TenantDb } from '../../src/db/tenant-db.ts';
import { newTenant } from '../support/app.ts';
import { databaseLabel, migratedDatabase } from '../support/database.ts';

const now = new Date('2026-11-24T09:00:00Z');

describe(`the per-tenant scorer cache on ${databaseLabel}`, () => {
  let db: Database;
  let tenant: TenantDb;
  let clock = Date.now();

  /** Calls the cache until the background refresh it starts has replaced the scorer, or gives up. */
  async function settled(previous: Scorer): Promise<Scorer> {
    const first = await cachedScorer(tenant, now);
    for (let i = 0; i < 50; i += 1) {
      const current = await cachedScorer(tenant, now);
      if (current !== previous) return current;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return first;
  }
  const advance = (ms: number) => (clock += ms);

  beforeAll(async () => {
    db = await migratedDatabase();
    const { tenantId } = await newTenant(db.prisma);
    tenant = new TenantDb(db.prisma, tenantId, 'test');
    jest.spyOn(Date, 'now').mockImplementation(() => clock);
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    forgetScorer(tenant.tenantId);
    await db?.close();
  });

  it('serves the same scorer while nothing changed, and keeps the parsed model when the norms are re-read', async () => {
    const first = await cachedScorer(tenant, now);
    advance(6_000);
    expect(await settled(first)).toBe(first);

    advance(61_000);
    const renewed = await settled(first);
    expect(renewed).not.toBe(first);
    expect(renewed.model).toEqual(first.model);
    expect(renewed.shapCache).toBe(first.shapCache);
  });

  it('picks up changed settings within seconds, without being told', async () => {
    const before = await cachedScorer(tenant, now);
    await db.prisma.tenant.update({
      where: { id: tenant.tenantId },
      data: { settings: { scoring: { icpWeights: [{ attribute: 'company.industry', value: 'Retail', weight: 30 }] } } },
    });
    // Within the check interval the cached scorer still serves: no request waits for a database read.
    expect(await cachedScorer(tenant, now)).toBe(before);
    advance(6_000);
    const after = await settled(before);
    expect(after.icpWeights).toEqual([{ attribute: 'company.industry', value: 'Retail', weight: 30 }]);
    expect(after.shapCache).toBe(before.shapCache);
  });

  it('loads a version activated by another process at the next check, with a fresh contribution cache', async () => {
    const before = await cachedScorer(tenant, now);
    const id = randomUUID();
    await tenant.write(async (tx) => {
      await tx.modelVersion.updateMany({ where: { status: 'active' }, data: { status: 'retired' } });
      await tx.modelVersion.create({
        data: {
          tenantId: tenant.tenantId,
          id,
          version: '2026-11-24.icp2',
          kind: 'icp_rules',
          status: 'active',
          target: { source: 'crm', outcome: 'lead_converted', windowDays: 90 },
          artifact: { model: null, training: null, promotedAt: now.toISOString() },
          trainedAt: new Date(now.getTime() + 1000),
        },
      });
    });
    advance(6_000);
    const after = await settled(before);
    expect(after.model?.id).toBe(id);
    expect(after.shapCache).not.toBe(before.shapCache);
  });
});
