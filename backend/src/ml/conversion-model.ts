import { calibrated, fitPlatt, type Calibration } from './calibration.ts';
import { encodeTable, fitEncoding, type FeatureSpec } from './encoding.ts';
import {
  defaultGbdtParams,
  predictRaw,
  trainGbdt,
  type GbdtModel,
  type GbdtParams,
  type GbdtProgress,
} from './gbdt.ts';
import { evaluate, type Metrics } from './metrics.ts';
import { stratifiedSplit, stratifiedSubsplit } from './split.ts';
import type { Table } from './table.ts';

/** P(convert) model: encoded features → boosted trees → Platt calibration. Plain JSON, stored with its version. */
export interface ConversionModel {
  kind: 'gbdt';
  features: FeatureSpec[];
  gbdt: GbdtModel;
  calibration: Calibration;
}

export interface TrainOptions {
  seed?: number;
  /** Share of rows held out for the reported metrics (stratified). */
  testShare?: number;
  params?: Partial<GbdtParams>;
  /** Human label of a column, for reasons. */
  labelOf?: (column: string) => string;
  onProgress?: (progress: GbdtProgress) => void;
}

export interface TrainOutcome {
  model: ConversionModel;
  /** Metrics on the held-out rows, which the model never saw. */
  metrics: Metrics;
  /** Row indices of the held-out set, so a later model can be compared on exactly the same rows. */
  holdout: Uint32Array;
  rounds: number;
  trainingRows: number;
}

/**
 * Trains on a stratified 80 % (of which 15 % is set aside again for early stopping and calibration) and reports
 * metrics on the remaining 20 %, with a fixed seed so the same data always gives the same model and figures.
 */
export function trainConversionModel(table: Table, labels: Uint8Array, options: TrainOptions = {}): TrainOutcome {
  const seed = options.seed ?? 42;
  const split = stratifiedSplit(labels, options.testShare ?? 0.2, seed);
  const inner = stratifiedSubsplit(split.train, labels, 0.15, seed + 1);
  const features = fitEncoding(table, labels, inner.train, options.labelOf ?? ((name) => name));
  const columns = encodeTable(features, table);
  const params = { ...defaultGbdtParams, seed, ...options.params };
  const gbdt = trainGbdt({ columns, labels }, inner.train, inner.test, params, options.onProgress);
  const raw = predictRaw(gbdt, columns, table.rows);
  const calibration = fitPlatt(
    Array.from(inner.test, (row) => raw[row] as number),
    Array.from(inner.test, (row) => labels[row] as number),
  );
  const model: ConversionModel = { kind: 'gbdt', features, gbdt, calibration };
  const metrics = evaluate(
    Array.from(split.test, (row) => labels[row] as number),
    Array.from(split.test, (row) => calibrated(calibration, raw[row] as number)),
  );
  return { model, metrics, holdout: split.test, rounds: gbdt.trees.length, trainingRows: split.train.length };
}

/** Calibrated probabilities for every row of a table. */
export function predictProbabilities(model: ConversionModel, table: Table): Float64Array {
  const raw = predictRaw(model.gbdt, encodeTable(model.features, table), table.rows);
  return raw.map((score) => calibrated(model.calibration, score));
}
