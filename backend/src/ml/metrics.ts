/**
 * Metrics of a probabilistic binary classifier on labelled rows. All of them are computed from the predicted
 * probabilities as given (no threshold), so they judge ranking (ROC AUC, PR AUC, lift) and calibration (Brier,
 * log loss, the calibration table) separately.
 */
export interface CalibrationBin {
  bin: number;
  predicted: number;
  observed: number;
  count: number;
}

export interface Metrics {
  rows: number;
  positives: number;
  baseRate: number;
  rocAuc: number;
  prAuc: number;
  brier: number;
  /** Brier score of always predicting the base rate: the bar a useful model must clear. */
  baseRateBrier: number;
  logLoss: number;
  topDecileLift: number;
  calibration: CalibrationBin[];
}

const EPS = 1e-15;

/** Row order by descending probability (ties kept together by the callers that need it). */
function descending(probabilities: ArrayLike<number>): Uint32Array {
  const order = new Uint32Array(probabilities.length);
  for (let i = 0; i < order.length; i += 1) order[i] = i;
  return order.sort((a, b) => (probabilities[b] as number) - (probabilities[a] as number));
}

/** Area under the ROC curve by the rank statistic (Mann–Whitney), ties counted as one half. */
export function rocAuc(labels: ArrayLike<number>, probabilities: ArrayLike<number>): number {
  const n = labels.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i += 1) order[i] = i;
  order.sort((a, b) => (probabilities[a] as number) - (probabilities[b] as number));
  let positives = 0;
  let rankSum = 0;
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && probabilities[order[j + 1] as number] === probabilities[order[i] as number]) j += 1;
    const averageRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k += 1) {
      if (labels[order[k] as number] === 1) {
        positives += 1;
        rankSum += averageRank;
      }
    }
    i = j + 1;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Area under the precision–recall curve as average precision (the step-wise sum scikit-learn reports). */
export function prAuc(labels: ArrayLike<number>, probabilities: ArrayLike<number>): number {
  const order = descending(probabilities);
  let positives = 0;
  for (let i = 0; i < labels.length; i += 1) if (labels[i] === 1) positives += 1;
  if (positives === 0) return NaN;
  let truePositives = 0;
  let seen = 0;
  let previousRecall = 0;
  let area = 0;
  let i = 0;
  while (i < order.length) {
    // Rows with the same probability enter the curve together.
    let j = i;
    while (j + 1 < order.length && probabilities[order[j + 1] as number] === probabilities[order[i] as number]) j += 1;
    for (let k = i; k <= j; k += 1) {
      seen += 1;
      if (labels[order[k] as number] === 1) truePositives += 1;
    }
    const recall = truePositives / positives;
    area += (recall - previousRecall) * (truePositives / seen);
    previousRecall = recall;
    i = j + 1;
  }
  return area;
}

export function evaluate(labels: ArrayLike<number>, probabilities: ArrayLike<number>, bins = 10): Metrics {
  const n = labels.length;
  let positives = 0;
  let brier = 0;
  let logLoss = 0;
  for (let i = 0; i < n; i += 1) {
    const y = labels[i] as number;
    const p = Math.min(1 - EPS, Math.max(EPS, probabilities[i] as number));
    positives += y;
    brier += (p - y) ** 2;
    logLoss -= y * Math.log(p) + (1 - y) * Math.log(1 - p);
  }
  const baseRate = positives / n;
  const order = descending(probabilities);
  const decile = Math.max(1, Math.round(n / 10));
  let topPositives = 0;
  for (let k = 0; k < decile; k += 1) topPositives += labels[order[k] as number] as number;

  // Equal-count bins from the lowest to the highest prediction.
  const calibration: CalibrationBin[] = [];
  for (let b = 0; b < bins; b += 1) {
    const start = Math.floor((b * n) / bins);
    const end = Math.floor(((b + 1) * n) / bins);
    if (end <= start) continue;
    let predicted = 0;
    let observed = 0;
    for (let k = start; k < end; k += 1) {
      const row = order[n - 1 - k] as number;
      predicted += probabilities[row] as number;
      observed += labels[row] as number;
    }
    calibration.push({
      bin: b + 1,
      predicted: predicted / (end - start),
      observed: observed / (end - start),
      count: end - start,
    });
  }

  return {
    rows: n,
    positives,
    baseRate,
    rocAuc: rocAuc(labels, probabilities),
    prAuc: prAuc(labels, probabilities),
    brier: brier / n,
    baseRateBrier: baseRate * (1 - baseRate),
    logLoss: logLoss / n,
    topDecileLift: baseRate > 0 ? topPositives / decile / baseRate : NaN,
    calibration,
  };
}
