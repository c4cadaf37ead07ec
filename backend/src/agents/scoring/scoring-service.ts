import { reasonsText, type ScoreValues } from '../../integrations/crm/write-back.ts';
import type { InlineLead, LeadScore, ModelKind, Reason, ScoreResult } from '@sdr/shared';
import { randomUUID } from 'node:crypto';
import type { TenantDb } from '../../db/tenant-db.ts';
import { readSettings } from '../../tenancy/settings.ts';
import { loadLeadContexts, type LeadContext } from './lead-context.ts';
import { scoreLead, type LeadScoring, type Scorer } from './score-lead.ts';
import { cachedScorer, evTier } from './scorer-setup.ts';

const CHUNK = 500;
/** Reasons kept per dimension with a stored score; the panel shows three, the full list comes with a live score. */
const STORED_REASONS_PER_DIMENSION = 5;

export interface ScoredRow {
  context: LeadContext;
  scoring: LeadScoring;
  id: string;
}

/** Scores loaded contexts (pure computation, no database). */
export function scoreContexts(contexts: LeadContext[], scorer: Scorer, now: Date): ScoredRow[] {
  return contexts.map((context) => ({ context, scoring: scoreLead(context, scorer, now), id: randomUUID() }));
}

function storedReasons(reasons: LeadScoring['reasons']): LeadScoring['reasons'] {
  return (['ev', 'risk', 'urgency'] as const).flatMap((dimension) =>
    reasons.filter((r) => r.dimension === dimension).slice(0, STORED_REASONS_PER_DIMENSION),
  );
}

/**
 * Writes a batch of scores, and queues them for the CRM, in one statement whose rows arrive as one JSON document
 * (expanded server-side by jsonb_to_recordset): rescoring a tenant writes one row per lead, and eleven parameter
 * arrays cost the process more to encode than the scoring itself. The tenant comes from the caller's scope, as in
 * every other query.
 */
export async function insertScores(
  tenant: TenantDb,
  rows: ScoredRow[],
  modelVersionId: string | null,
  now: Date,
): Promise<Set<string>> {
  const payload = JSON.stringify(
    rows.map((r) => {
      const reasons = storedReasons(r.scoring.reasons);
      return {
        id: r.id,
        lead_id: r.context.lead.id,
        ev: r.scoring.ev,
        p: r.scoring.pConvert,
        amount: r.scoring.expectedValue.amount,
        currency: r.scoring.expectedValue.currency,
        risk: r.scoring.risk,
        urgency: r.scoring.urgency,
        reasons,
        missing: r.scoring.missing,
        read_at: r.context.lead.updatedAt.toISOString(),
        fields: writeBackValues(r, reasons, now),
      };
    }),
  );
  return tenant.write(async (tx) => {
    const stored = await tx.$queryRaw<{ id: string }[]>`
      WITH s AS (
        SELECT * FROM jsonb_to_recordset(${payload}::jsonb)
          AS s(id text, lead_id text, ev int, p float8, amount numeric, currency text, risk int, urgency int,
               reasons jsonb, missing text[], read_at timestamptz, fields jsonb)
      ), stored AS (
        INSERT INTO "Score" ("tenantId", "id", "leadId", "ev", "pConvert", "expectedValue", "currency", "risk",
                             "urgency", "reasons", "missing", "modelVersionId", "scoredAt")
        SELECT ${tenant.tenantId}, s.id, s.lead_id, s.ev, s.p, s.amount, s.currency, s.risk, s.urgency, s.reasons,
               s.missing, ${modelVersionId}, ${now}
          FROM s
          -- A lead changed after it was read is left for the rescore its change queued: stored now, this score would
          -- look fresh while describing the lead as it was.
          JOIN "Lead" l ON l."tenantId" = ${tenant.tenantId} AND l."id" = s.lead_id
                       AND l."updatedAt" = (s.read_at AT TIME ZONE 'UTC')
        RETURNING "id", "leadId"
      ), queued AS (
        -- Queued for the CRM in the same transaction, when the tenant has one connected (see write-back.ts).
        INSERT INTO "CrmWriteBack" ("tenantId", "id", "objectType", "crmId", "kind", "fields", "updatedAt")
        SELECT l."tenantId", gen_random_uuid()::text, l."crmType", l."crmId", 'scores', s.fields, CURRENT_TIMESTAMP
          FROM stored JOIN s ON s.id = stored."id"
          JOIN "Lead" l ON l."tenantId" = ${tenant.tenantId} AND l."id" = stored."leadId"
         WHERE EXISTS (SELECT 1 FROM "CrmConnection" c WHERE c."tenantId" = ${tenant.tenantId})
        ON CONFLICT ("tenantId", "kind", "objectType", "crmId") DO UPDATE
          SET "fields" = EXCLUDED."fields", "attempts" = 0, "lastError" = NULL, "updatedAt" = CURRENT_TIMESTAMP
      )
      SELECT "id" FROM stored`;
    return new Set(stored.map((row) => row.id));
  });
}

function writeBackValues(row: ScoredRow, reasons: LeadScoring['reasons'], now: Date): ScoreValues {
  return {
    ev: row.scoring.ev,
    evAmount: row.scoring.expectedValue.amount,
    risk: row.scoring.risk,
    urgency: row.scoring.urgency,
    reasons: reasonsText(reasons),
    scoredAt: now.toISOString(),
  };
}

const TOP_PER_DIMENSION = 3;

function result(
  scoring: ReturnType<typeof scoreLead>,
  scorer: Scorer,
  tiers: { hot: number; warm: number },
  leadId: string | null,
  scoreId: string | null,
  now: Date,
): ScoreResult {
  return {
    leadId,
    scoreId,
    ev: scoring.ev,
    evTier: evTier(scoring.ev, tiers),
    pConvert: scoring.pConvert,
    expectedValue: scoring.expectedValue,
    risk: scoring.risk,
    urgency: scoring.urgency,
    reasons: scoring.reasons,
    missing: scoring.missing,
    modelVersion: scorer.model,
    scoredAt: now.toISOString(),
  };
}

/**
 * Scores stored leads (in the order given) and, unless told not to, stores each score as the lead's latest.
 * Leads are read and written in chunks, so a batch of any size uses a bounded number of queries per 500 leads.
 */
export class UnknownLeadsError extends Error {
  /** Positions in the request of the ids that name no lead of the tenant. */
  readonly indexes: number[];
  constructor(indexes: number[]) {
    super(`No lead for ${indexes.length} of the ids`);
    this.indexes = indexes;
  }
}

export async function scoreStoredLeads(
  tenant: TenantDb,
  leadIds: string[],
  options: { store: boolean; now: Date; scorer?: Scorer; requireAll?: boolean },
): Promise<ScoreResult[]> {
  const scorer = options.scorer ?? (await cachedScorer(tenant, options.now));
  const rows: ScoredRow[] = [];
  for (let start = 0; start < leadIds.length; start += CHUNK)
    rows.push(
      ...scoreContexts(await loadLeadContexts(tenant, leadIds.slice(start, start + CHUNK)), scorer, options.now),
    );
  const byId = new Map(rows.map((row) => [row.context.lead.id, row]));
  if (options.requireAll && byId.size < new Set(leadIds).size)
    // Checked before anything is stored, so a request naming an unknown lead changes nothing.
    throw new UnknownLeadsError(leadIds.flatMap((id, i) => (byId.has(id) ? [] : [i])));
  const stored = new Set<string>();
  if (options.store)
    for (let start = 0; start < rows.length; start += CHUNK)
      for (const id of await insertScores(
        tenant,
        rows.slice(start, start + CHUNK),
        scorer.model?.id ?? null,
        options.now,
      ))
        stored.add(id);
  return leadIds.flatMap((id) => {
    const row = byId.get(id);
    return row
      ? [result(row.scoring, scorer, scorer.evTiers, id, stored.has(row.id) ? row.id : null, options.now)]
      : [];
  });
}

/** Scores leads given inline, as if they were stored now; nothing is written. */
export async function scoreInlineLeads(tenant: TenantDb, leads: InlineLead[], now: Date): Promise<ScoreResult[]> {
  const scorer = await cachedScorer(tenant, now);
  return leads.map((inline) => {
    const context = inlineContext(tenant.tenantId, inline, now);
    return result(scoreLead(context, scorer, now), scorer, scorer.evTiers, null, null, now);
  });
}

function inlineContext(tenantId: string, inline: InlineLead, now: Date): LeadContext {
  const { lead, company } = inline;
  const id = 'inline';
  return {
    lead: {
      tenantId,
      id,
      crmId: lead.crmId ?? id,
      crmType: lead.crmType ?? 'lead',
      firstName: lead.firstName ?? null,
      lastName: lead.lastName,
      email: lead.email ?? null,
      phone: lead.phone ?? null,
      title: lead.title ?? null,
      companyId: company ? id : null,
      companyName: lead.companyName ?? null,
      source: lead.source ?? null,
      status: lead.status ?? 'new',
      country: lead.country ?? null,
      region: lead.region ?? null,
      language: lead.language ?? null,
      ownerId: null,
      customFields: lead.customFields ?? {},
      convertedAt: lead.convertedAt ? new Date(lead.convertedAt) : null,
      crmUpdatedAt: lead.crmUpdatedAt ? new Date(lead.crmUpdatedAt) : null,
      createdAt: now,
      updatedAt: now,
    },
    company: company
      ? {
          tenantId,
          id,
          crmId: null,
          name: company.name ?? lead.companyName ?? '',
          domain: company.domain ?? null,
          website: company.website ?? null,
          industry: company.industry ?? null,
          employees: company.employees ?? null,
          annualRevenue: null,
          country: company.country ?? null,
          region: company.region ?? null,
          city: company.city ?? null,
          postcode: company.postcode ?? null,
          companyNumber: company.companyNumber ?? null,
          registerNumber: null,
          registerNumberSource: null,
          ownerId: null,
          customFields: company.customFields ?? {},
          createdAt: now,
          updatedAt: now,
        }
      : null,
    activities: (inline.activities ?? [])
      .map((a, i) => ({
        tenantId,
        id: `${id}-${i}`,
        crmId: null,
        leadId: id,
        type: a.type,
        direction: a.direction ?? null,
        subject: a.subject ?? null,
        body: a.body ?? null,
        outcome: a.outcome ?? null,
        occurredAt: new Date(a.occurredAt),
        createdAt: now,
      }))
      .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime()),
    opportunities: [],
    closeDatePushes: 0,
    stageEnteredAt: null,
    callSignals: { objections: 0, competitors: 0 },
  };
}

/**
 * A lead's latest stored score with its strongest reasons; `stale` once the lead, its activities or the active
 * model changed after it was computed. Null when the lead has never been scored.
 */
export async function latestScore(tenant: TenantDb, leadId: string): Promise<LeadScore | null> {
  const score = await tenant.client.score.findFirst({
    where: { leadId },
    orderBy: { scoredAt: 'desc' },
    include: { modelVersion: { select: { id: true, version: true, kind: true } } },
  });
  if (!score) return null;
  const [lead, newerActivity, active, settings] = await Promise.all([
    tenant.client.lead.findFirst({ where: { id: leadId }, select: { updatedAt: true } }),
    tenant.client.activity.findFirst({ where: { leadId, createdAt: { gt: score.scoredAt } }, select: { id: true } }),
    tenant.client.modelVersion.findFirst({ where: { status: 'active' }, select: { id: true } }),
    readSettings(tenant.client),
  ]);
  const stale =
    (lead && lead.updatedAt > score.scoredAt) ||
    newerActivity !== null ||
    (active !== null && active.id !== score.modelVersionId);
  const reasons = score.reasons as Reason[];
  const top = (['ev', 'risk', 'urgency'] as const).flatMap((d) =>
    reasons.filter((r) => r.dimension === d).slice(0, TOP_PER_DIMENSION),
  );
  return {
    leadId,
    scoreId: score.id,
    ev: score.ev,
    evTier: evTier(score.ev, settings.scoring.evTiers),
    pConvert: score.pConvert,
    expectedValue: { amount: Number(score.expectedValue), currency: score.currency },
    risk: score.risk,
    urgency: score.urgency,
    topReasons: top,
    modelVersion: score.modelVersion
      ? { id: score.modelVersion.id, version: score.modelVersion.version, kind: score.modelVersion.kind as ModelKind }
      : null,
    scoredAt: score.scoredAt.toISOString(),
    freshness: stale ? 'stale' : 'fresh',
    missing: score.missing,
  };
}
