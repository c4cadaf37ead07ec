import type { TenantDb } from '../../db/tenant-db.ts';
import { predictProbabilities, type TrainOutcome } from '../../ml/conversion-model.ts';
import { evaluate } from '../../ml/metrics.ts';
import type { Table } from '../../ml/table.ts';
import { activeVersion } from './model-registry.ts';

export interface PromotionDecision {
  promote: boolean;
  /** Stored with the version, so an admin sees why it is (or is not) the active one. */
  reason: string;
}

/**
 * Whether a newly trained model may replace the active one. The first learnt model always does, replacing the ICP
 * rules; a later one only when its ROC AUC on its own held-out rows is at least the active model's on the same rows.
 * `holdout` gives those rows with every column the active model may use (built only when there is one to compare).
 */
export async function decidePromotion(
  tenant: TenantDb,
  outcome: TrainOutcome,
  holdout: () => { table: Table; labels: number[] },
  outcomes: number,
): Promise<PromotionDecision> {
  const current = await activeVersion(tenant.client);
  if (!current) return { promote: true, reason: 'Promoted: the first model of this tenant' };
  if (!current.artifact)
    return {
      promote: true,
      reason: `Promoted: replaces the ICP rules (${current.row.version}) with a model learnt from ${outcomes} outcomes`,
    };
  const rows = holdout();
  const measured = evaluate(rows.labels, predictProbabilities(current.artifact, rows.table)).rocAuc;
  const incumbent = Number.isFinite(measured) ? measured : 0;
  const promote = outcome.metrics.rocAuc >= incumbent;
  return {
    promote,
    reason: `${promote ? 'Promoted' : 'Not promoted'}: ROC AUC ${outcome.metrics.rocAuc.toFixed(4)} on the held-out rows against ${incumbent.toFixed(4)} for ${current.row.version}`,
  };
}
