import type { ModelVersion } from '@sdr/shared';
import type { Clock } from '../../clock.ts';
import type { TenantDb } from '../../db/tenant-db.ts';
import { predictProbabilities, trainConversionModel } from '../../ml/conversion-model.ts';
import { readLabelledCsv, type CsvTrainingOptions } from '../../ml/csv-table.ts';
import type { GbdtProgress } from '../../ml/gbdt.ts';
import { evaluate, type Metrics } from '../../ml/metrics.ts';
import { selectRows } from '../../ml/table.ts';
import { importance } from './feature-importance.ts';
import { activeVersion, findVersion, storeVersion } from './model-registry.ts';

export interface CsvTrainingResult {
  version: ModelVersion;
  metrics: Metrics;
  promoted: boolean;
}

/**
 * Trains a conversion model from a CSV export of past outcomes and stores it as a new version. It becomes active
 * only when it is at least as good (ROC AUC) as the active version on the new model's own held-out rows, so a worse
 * model never replaces a better one silently; either way the reason is stored with the version.
 */
export async function trainFromCsv(
  tenant: TenantDb,
  text: string,
  options: CsvTrainingOptions & { seed?: number; onProgress?: (progress: GbdtProgress) => void },
  clock: Clock,
): Promise<CsvTrainingResult> {
  const data = readLabelledCsv(text, options);
  const outcome = trainConversionModel(data.table, data.labels, {
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const current = await activeVersion(tenant.client);
  let promote = true;
  let promotion = 'Promoted: the first learnt model of this tenant';
  if (current?.artifact && current.row.kind !== 'icp_rules') {
    // The incumbent sees the held-out rows with every column, including any this training run left out.
    const complete = options.drop?.length ? readLabelledCsv(text, { ...options, drop: [] }).table : data.table;
    const holdout = selectRows(complete, outcome.holdout);
    const labels = Array.from(outcome.holdout, (row) => data.labels[row] as number);
    const incumbent = evaluate(labels, predictProbabilities(current.artifact, holdout)).rocAuc;
    const challenger = outcome.metrics.rocAuc;
    const incumbentAuc = Number.isFinite(incumbent) ? incumbent : 0;
    promote = challenger >= incumbentAuc;
    promotion = `${promote ? 'Promoted' : 'Not promoted'}: ROC AUC ${challenger.toFixed(4)} on the held-out rows against ${incumbentAuc.toFixed(4)} for ${current.row.version}`;
  } else if (current) {
    promotion = `Promoted: replaces the ICP rules (${current.row.version}) with a model learnt from outcomes`;
  }
  const positives = data.labels.reduce((a, b) => a + b, 0);
  const version = await storeVersion(
    tenant,
    {
      kind: 'gbm',
      target: { source: 'csv', column: options.target, positive: options.positive },
      metrics: outcome.metrics,
      rows: outcome.trainingRows,
      training: {
        positives,
        rounds: outcome.rounds,
        features: importance(outcome.model),
        excluded: data.excluded,
        promotion,
      },
      model: outcome.model,
      activate: promote,
    },
    clock.now(),
  );
  return { version, metrics: outcome.metrics, promoted: promote };
}

export class UnknownModelError extends Error {}

/** Scores every row of a labelled CSV with a stored version and reports the metrics on all of them. */
export async function evaluateCsv(
  tenant: TenantDb,
  version: string,
  text: string,
  options: CsvTrainingOptions,
): Promise<{ version: ModelVersion['version']; metrics: Metrics }> {
  const stored = await findVersion(tenant.client, version);
  if (!stored) throw new UnknownModelError(`No model version ${JSON.stringify(version)} for this tenant`);
  if (!stored.artifact)
    throw new UnknownModelError(`Version ${version} is a rules model; it has nothing to evaluate on a CSV`);
  const data = readLabelledCsv(text, options);
  return { version, metrics: evaluate(data.labels, predictProbabilities(stored.artifact, data.table)) };
}
