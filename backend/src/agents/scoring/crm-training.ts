import type { ModelVersion } from '@sdr/shared';
import type { TenantDb } from '../../db/tenant-db.ts';
import { trainConversionModel } from '../../ml/conversion-model.ts';
import type { GbdtProgress } from '../../ml/gbdt.ts';
import type { Metrics } from '../../ml/metrics.ts';
import { concatTables, selectRows, type Table } from '../../ml/table.ts';
import { readSettings } from '../../tenancy/settings.ts';
import { importance } from './feature-importance.ts';
import { featureTable, type FeatureDefinition } from './features.ts';
import { tenantFeatures } from './tenant-features.ts';
import { loadLeadContexts, type LeadContext } from './lead-context.ts';
import { storeVersion } from './model-registry.ts';
import { decidePromotion } from './promotion-gate.ts';

const DAY = 86_400_000;

/**
 * Below these counts the ICP rules keep scoring. The learning curve in README.md shows why: with fewer labelled
 * leads (or converted ones) the held-out ROC AUC of a learnt model scatters too widely to trust over the admin's
 * own rules; from here it is stable. Far below Einstein's 1,000 leads and 120 conversions.
 */
export const MIN_POSITIVES = 40;

export interface CrmTrainingResult {
  version: ModelVersion | null;
  metrics: Metrics | null;
  promoted: boolean;
  /** Why nothing was trained, or why the new version was or was not made active. */
  message: string;
  labelled: number;
  positives: number;
}

/**
 * Every training row is seen as it stood SNAPSHOT_DAYS after the lead was created (or just before it converted, if
 * sooner), whatever its outcome. Taking converted leads at their conversion and the others at the end of the window
 * would teach the model that recent activity means conversion only because the two were looked at different ages.
 */
export const SNAPSHOT_DAYS = 14;

/** Leads whose outcome is decided: converted within the window (1), or older than the window without converting (0). */
export function labelledContexts(contexts: LeadContext[], windowDays: number, now: Date) {
  const rows: { context: LeadContext; label: 0 | 1; asOf: Date }[] = [];
  for (const context of contexts) {
    const { createdAt, convertedAt } = context.lead;
    const deadline = createdAt.getTime() + windowDays * DAY;
    const snapshot = createdAt.getTime() + SNAPSHOT_DAYS * DAY;
    if (convertedAt && convertedAt.getTime() <= deadline)
      rows.push({ context, label: 1, asOf: new Date(Math.min(snapshot, convertedAt.getTime() - 1)) });
    else if (deadline <= now.getTime()) rows.push({ context, label: 0, asOf: new Date(snapshot) });
  }
  return rows;
}

/**
 * Learns P(convert within the window) from the tenant's own leads. Until the tenant has enough decided outcomes,
 * nothing is trained and the ICP rules stay. The first learnt model replaces the ICP rules automatically; a later
 * one replaces the active model only when it is at least as good on the new model's held-out leads.
 */
export async function trainFromCrm(
  tenant: TenantDb,
  options: {
    now: Date;
    windowDays?: number;
    onProgress?: (done: number, total: number, message: string) => Promise<void>;
  },
): Promise<CrmTrainingResult> {
  const settings = await readSettings(tenant.client);
  const windowDays = options.windowDays ?? settings.scoring.conversionWindowDays;
  const ids = (await tenant.client.lead.findMany({ select: { id: true } })).map((l) => l.id);
  // Leads are read a page at a time and only their feature values kept, so memory follows the features, not the
  // records: a tenant's whole history of touches never sits in memory at once.
  let definitions: FeatureDefinition[] | null = null;
  const tables: Table[] = [];
  const labelList: number[] = [];
  for (let start = 0; start < ids.length; start += 1000) {
    const contexts = await loadLeadContexts(tenant, ids.slice(start, start + 1000));
    definitions ??= tenantFeatures(settings, contexts.slice(0, 500));
    const labelled = labelledContexts(contexts, windowDays, options.now);
    if (labelled.length > 0) {
      const asOf = new Map(labelled.map((r) => [r.context, r.asOf]));
      tables.push(
        featureTable(
          definitions,
          labelled.map((r) => r.context),
          (c) => asOf.get(c) ?? options.now,
        ),
      );
      labelList.push(...labelled.map((r) => r.label));
    }
    await options.onProgress?.(Math.min(start + 1000, ids.length), ids.length, 'Reading leads');
  }
  const positives = labelList.filter((label) => label === 1).length;
  const minLabelled = settings.scoring.coldStartMinOutcomes;
  if (
    !definitions ||
    labelList.length < minLabelled ||
    positives < MIN_POSITIVES ||
    labelList.length - positives < MIN_POSITIVES
  )
    return {
      version: null,
      metrics: null,
      promoted: false,
      labelled: labelList.length,
      positives,
      message: `Not enough outcomes yet: ${labelList.length} decided leads (${positives} converted); a model is learnt from ${minLabelled} decided leads with at least ${MIN_POSITIVES} converted and ${MIN_POSITIVES} not. The ICP rules keep scoring.`,
    };
  const table = concatTables(tables);
  const labels = Uint8Array.from(labelList);
  const labelOf = new Map(definitions.map((d) => [d.key, d.label]));
  const outcome = trainConversionModel(table, labels, {
    labelOf: (key) => labelOf.get(key) ?? key,
    onProgress: (p: GbdtProgress) => void options.onProgress?.(p.round, 600, `Training: round ${p.round}`),
  });

  const { promote, reason: promotion } = await decidePromotion(
    tenant,
    outcome,
    () => ({
      table: selectRows(table, outcome.holdout),
      labels: Array.from(outcome.holdout, (row) => labels[row] as number),
    }),
    labelList.length,
  );
  const version = await storeVersion(
    tenant,
    {
      kind: 'gbm',
      target: { source: 'crm', outcome: 'lead_converted', windowDays },
      metrics: outcome.metrics,
      rows: outcome.trainingRows,
      training: { positives, rounds: outcome.rounds, features: importance(outcome.model), excluded: [], promotion },
      model: outcome.model,
      activate: promote,
    },
    options.now,
  );
  return {
    version,
    metrics: outcome.metrics,
    promoted: promote,
    message: promotion,
    labelled: labelList.length,
    positives,
  };
}
