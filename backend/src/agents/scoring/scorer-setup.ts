import type { ModelVersionRef } from '@sdr/shared';
import { randomUUID } from 'node:crypto';
import type { TenantDb } from '../../db/tenant-db.ts';
import { expectedValue, ShapCache } from '../../ml/tree-shap.ts';
import { readSettings } from '../../tenancy/settings.ts';
import { learnDealValues } from './deal-value.ts';
import { tenantFeatures } from './tenant-features.ts';
import { loadLeadContexts } from './lead-context.ts';
import { activeVersion } from './model-registry.ts';
import type { Scorer } from './score-lead.ts';

const DAY = 86_400_000;

/**
 * How long the tenant's deals usually stay in a stage: the median time between entering a stage (creation or a
 * stage change in the audit trail) and the next stage change. Null until at least ten such moves are known.
 */
async function medianDaysInStage(tenant: TenantDb): Promise<number | null> {
  const [row] = await tenant.client.$queryRaw<{ days: number | null; moves: number }[]>`
    WITH entered AS (
      SELECT o."id", o."createdAt" AS at FROM "Opportunity" o WHERE o."tenantId" = ${tenant.tenantId}
      UNION ALL
      SELECT al."recordId", al."at" FROM "AuditLog" al
       WHERE al."tenantId" = ${tenant.tenantId} AND al."recordType" = 'Opportunity' AND al."action" = 'update'
         AND al."details" -> 'changed' ? 'stage'
    ), stays AS (
      SELECT extract(epoch FROM (lead(at) OVER (PARTITION BY "id" ORDER BY at) - at)) / 86400 AS days FROM entered
    )
    SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY days) AS days, count(days)::int AS moves FROM stays WHERE days IS NOT NULL`;
  return row && row.moves >= 10 && row.days !== null ? Number(row.days) : null;
}

/** The tenant's conversion rate among leads whose outcome is known (converted, or older than the window). */
async function baseRate(tenant: TenantDb, windowDays: number, now: Date): Promise<number> {
  const decidedBefore = new Date(now.getTime() - windowDays * DAY);
  const [converted, decided] = await Promise.all([
    tenant.client.lead.count({ where: { convertedAt: { not: null } } }),
    tenant.client.lead.count({ where: { OR: [{ convertedAt: { not: null } }, { createdAt: { lt: decidedBefore } }] } }),
  ]);
  // Without history, one lead in ten: a common B2B lead-to-opportunity rate, and only the ICP rules' starting point.
  return decided >= 20 && converted > 0 ? Math.min(0.95, Math.max(0.005, converted / decided)) : 0.1;
}

/**
 * Everything needed to score the tenant's leads now: the active model (the ICP rules until a learnt model is
 * promoted; the rules get a version of their own the first time, so every score names the model behind it), the
 * features, deal values learnt from won deals, and the tenant's norms.
 */
export async function loadScorer(tenant: TenantDb, now: Date): Promise<Scorer> {
  const settings = await readSettings(tenant.client);
  let active = await activeVersion(tenant.client);
  if (!active) {
    const row = await tenant.write((tx) =>
      tx.modelVersion.create({
        data: {
          tenantId: tenant.tenantId,
          id: randomUUID(),
          version: `${now.toISOString().slice(0, 10)}.icp`,
          kind: 'icp_rules',
          status: 'active',
          target: { source: 'crm', outcome: 'lead_converted', windowDays: settings.scoring.conversionWindowDays },
          artifact: {
            model: null,
            training: null,
            promotedAt: now.toISOString(),
          },
          trainedAt: now,
        },
      }),
    );
    active = { row, artifact: null };
  }
  const samples = settings.fieldMapping.length
    ? await loadLeadContexts(
        tenant,
        (await tenant.client.lead.findMany({ select: { id: true }, take: 200 })).map((l) => l.id),
      )
    : [];
  const won = await tenant.client.opportunity.findMany({
    where: { isWon: true },
    select: { amount: true, createdAt: true, closeDate: true, company: { select: { employees: true } } },
  });
  const daysToWin = won
    .filter((w) => w.closeDate)
    .map((w) => ((w.closeDate as Date).getTime() - w.createdAt.getTime()) / DAY)
    .filter((d) => d > 0)
    .sort((a, b) => a - b);
  const model: ModelVersionRef = {
    id: active.row.id,
    version: active.row.version,
    kind: active.row.kind as ModelVersionRef['kind'],
  };
  return {
    model,
    learnt: active.artifact,
    learntBase: active.artifact ? expectedValue(active.artifact.gbdt) : 0,
    shapCache: new ShapCache(),
    icpWeights: settings.scoring.icpWeights,
    baseRate: await baseRate(tenant, settings.scoring.conversionWindowDays, now),
    definitions: tenantFeatures(settings, samples),
    dealValues: learnDealValues(
      won.map((w) => ({ amount: w.amount, employees: w.company?.employees ?? null })),
      settings.scoring.defaultDealValue,
    ),
    currency: settings.scoring.currency,
    slaMinutes: settings.routing.defaultSlaMinutes,
    riskNorms: {
      daysToWin: daysToWin.length ? (daysToWin[daysToWin.length >> 1] as number) : 45,
      daysInStage: await medianDaysInStage(tenant),
    },
    evTiers: settings.scoring.evTiers,
  };
}

/**
 * Scorers are cached per tenant: a learnt model is hundreds of kilobytes of JSON, and reading it with the tenant's
 * norms for every single-lead score would cost more than the scoring. After a few seconds the cached scorer is
 * refreshed in the background while requests go on using it, so no request waits for a reload. A promotion in this
 * process drops the cache at once; other replicas follow within the refresh interval.
 */
const SCORER_REFRESH_MS = 5_000;
const scorers = new Map<string, { scorer: Promise<Scorer>; loadedAt: number; refreshing: boolean }>();

export function cachedScorer(tenant: TenantDb, now: Date): Promise<Scorer> {
  const hit = scorers.get(tenant.tenantId);
  if (!hit) {
    const scorer = loadScorer(tenant, now);
    scorers.set(tenant.tenantId, { scorer, loadedAt: Date.now(), refreshing: false });
    scorer.catch(() => scorers.delete(tenant.tenantId));
    return scorer;
  }
  if (Date.now() - hit.loadedAt > SCORER_REFRESH_MS && !hit.refreshing) {
    hit.refreshing = true;
    loadScorer(tenant, now).then(
      (scorer) => {
        if (scorers.get(tenant.tenantId) === hit)
          scorers.set(tenant.tenantId, { scorer: Promise.resolve(scorer), loadedAt: Date.now(), refreshing: false });
      },
      () => {
        hit.refreshing = false;
      },
    );
  }
  return hit.scorer;
}

export function forgetScorer(tenantId: string): void {
  scorers.delete(tenantId);
}

export function evTier(ev: number, tiers: { hot: number; warm: number }): 'hot' | 'warm' | 'cold' {
  return ev >= tiers.hot ? 'hot' : ev >= tiers.warm ? 'warm' : 'cold';
}
