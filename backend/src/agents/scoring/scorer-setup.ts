import type { ModelVersionRef, TenantSettings } from '@sdr/shared';
import { randomUUID } from 'node:crypto';
import type { TenantDb } from '../../db/tenant-db.ts';
import { expectedValue, ShapCache } from '../../ml/tree-shap.ts';
import { readSettings } from '../../tenancy/settings.ts';
import { tenantCache } from '../../tenancy/tenant-cache.ts';
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

/** The active version's id, without its artifact: what the scorer cache compares to see whether a reload is due. */
async function activeModelId(tenant: TenantDb): Promise<string | null> {
  const row = await tenant.client.modelVersion.findFirst({
    where: { status: 'active' },
    orderBy: { trainedAt: 'desc' },
    select: { id: true },
  });
  return row?.id ?? null;
}

type ActiveModel = Pick<Scorer, 'model' | 'learnt' | 'learntBase' | 'shapCache'>;

/**
 * The active model, ready to score: the ICP rules until a learnt model is promoted (the rules get a version of
 * their own the first time, so every score names the model behind it). A model already parsed for the same version
 * is reused with its contribution cache, which is only ever filled, never invalidated, while its version is active.
 */
async function activeModel(
  tenant: TenantDb,
  settings: TenantSettings,
  now: Date,
  previous?: Scorer,
): Promise<ActiveModel> {
  if (previous?.model && previous.model.id === (await activeModelId(tenant))) return previous;
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
  return {
    model: { id: active.row.id, version: active.row.version, kind: active.row.kind as ModelVersionRef['kind'] },
    learnt: active.artifact,
    learntBase: active.artifact ? expectedValue(active.artifact.gbdt) : 0,
    shapCache: new ShapCache(),
  };
}

/**
 * Everything needed to score the tenant's leads now: the active model, the features, deal values learnt from won
 * deals, and the tenant's norms. `previous` lends its parsed model when the active version has not changed.
 */
export async function loadScorer(tenant: TenantDb, now: Date, previous?: Scorer): Promise<Scorer> {
  const settings = await readSettings(tenant.client);
  const model = await activeModel(tenant, settings, now, previous);
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
  return {
    model: model.model,
    learnt: model.learnt,
    learntBase: model.learntBase,
    shapCache: model.shapCache,
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
 * norms for every single-lead score would cost more than the scoring. Requests never wait for a reload: every few
 * seconds one background check reads the active version's id and the settings (two small rows) and reloads only
 * when either changed; the norms (base rate, deal values, stage stays), which move slowly with the data, are
 * re-read once a minute, keeping the parsed model and its contribution cache. A promotion in this process drops the
 * cache at once; other replicas follow within the check interval.
 */
const SCORER_CHECK_MS = 5_000;
const NORMS_REFRESH_MS = 60_000;

interface CachedScorer {
  scorer: Promise<Scorer>;
  /** The active version and settings the scorer was built from. */
  basis: Promise<string>;
  loadedAt: number;
  checkedAt: number;
  refreshing: boolean;
}
const scorers = tenantCache<CachedScorer>();

async function scorerBasis(tenant: TenantDb): Promise<string> {
  const [model, settings] = await Promise.all([activeModelId(tenant), readSettings(tenant.client)]);
  return JSON.stringify([model, settings]);
}

function load(tenant: TenantDb, now: Date, previous?: Scorer): CachedScorer {
  const scorer = loadScorer(tenant, now, previous);
  // Read after the load, so a change racing the load is seen at the next check rather than hidden by it.
  const basis = scorer.then(() => scorerBasis(tenant));
  return { scorer, basis, loadedAt: Date.now(), checkedAt: Date.now(), refreshing: false };
}

async function refresh(tenant: TenantDb, hit: CachedScorer, now: Date): Promise<void> {
  const current = await hit.scorer;
  const unchanged = (await scorerBasis(tenant)) === (await hit.basis);
  if (unchanged && Date.now() - hit.loadedAt < NORMS_REFRESH_MS) {
    hit.checkedAt = Date.now();
    return;
  }
  const next = load(tenant, now, current);
  await Promise.all([next.scorer, next.basis]);
  if (scorers.get(tenant.tenantId) === hit) scorers.set(tenant.tenantId, next);
}

export function cachedScorer(tenant: TenantDb, now: Date): Promise<Scorer> {
  const hit = scorers.get(tenant.tenantId);
  if (!hit) {
    const entry = load(tenant, now);
    scorers.set(tenant.tenantId, entry);
    Promise.all([entry.scorer, entry.basis]).catch(() => {
      if (scorers.get(tenant.tenantId) === entry) scorers.delete(tenant.tenantId);
    });
    return entry.scorer;
  }
  if (Date.now() - hit.checkedAt > SCORER_CHECK_MS && !hit.refreshing) {
    hit.refreshing = true;
    refresh(tenant, hit, now).then(
      () => void (hit.refreshing = false),
      () => void (hit.refreshing = false),
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
