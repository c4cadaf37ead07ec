import type { ModelVersion } from '@sdr/shared';
import type { Clock } from '../../clock.ts';
import type { TenantDb } from '../../db/tenant-db.ts';
import { predictProbabilities, trainConversionModel } from '../../ml/conversion-model.ts';
import { readLabelledCsv, type CsvTrainingOptions } from '../../ml/csv-table.ts';
import type { GbdtProgress } from '../../ml/gbdt.ts';
import { evaluate, type Metrics } from '../../ml/metrics.ts';
import { selectRows } from '../../ml/table.ts';
import { importance } from './feature-importance.ts';
import { findVersion, storeVersion } from './model-registry.ts';
import { decidePromotion } from './promotion-gate.ts';

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
  const positives = data.labels.reduce((a, b) => a + b, 0);
  const { promote, reason: promotion } = await decidePromotion(
    tenant,
    outcome,
    () => ({
      // The active model sees the held-out rows with every column, including any this training run left out.
      table: selectRows(
        options.drop?.length ? readLabelledCsv(text, { ...options, drop: [] }).table : data.table,
        outcome.holdout,
      ),
      labels: Array.from(outcome.holdout, (row) => data.labels[row] as number),
    }),
    data.labels.length,
  );
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
