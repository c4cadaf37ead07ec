import { predictProbabilities, trainConversionModel } from '../src/ml/conversion-model.ts';
import { readLabelledCsv } from '../src/ml/csv-table.ts';
import { evaluate } from '../src/ml/metrics.ts';
import { seededRandom, shuffle } from '../src/ml/random.ts';
import { stratifiedSplit } from '../src/ml/split.ts';
import { selectRows } from '../src/ml/table.ts';
import { readBankMarketingCsv } from '../test/support/bank-marketing.ts';

/**
 * How many labelled outcomes a tenant needs before a learnt model can be trusted over its ICP rules: models trained
 * on growing stratified samples of real outbound outcomes, each judged on the same 20 % held-out rows, five seeds per
 * size. Prints mean and spread of ROC AUC and the Brier skill over the base rate.
 */
export async function learningCurveBench(): Promise<void> {
  const { table, labels } = readLabelledCsv(await readBankMarketingCsv(), {
    target: 'y',
    positive: 'yes',
    drop: ['duration'],
  });
  const split = stratifiedSplit(labels, 0.2, 42);
  const holdout = selectRows(table, split.test);
  const holdoutLabels = Array.from(split.test, (row) => labels[row] as number);
  const positives = Array.from(split.train).filter((row) => labels[row] === 1);
  const negatives = Array.from(split.train).filter((row) => labels[row] === 0);
  const rate = positives.length / split.train.length;
  console.log(
    `learning curve: bank marketing, ${holdoutLabels.length} held-out rows, base rate ${(rate * 100).toFixed(1)} %`,
  );
  console.log('  rows  positives  ROC AUC mean (min–max)  Brier skill mean');
  for (const size of [100, 200, 300, 400, 800, 1600, 3200, 6400]) {
    const aucs: number[] = [];
    const skills: number[] = [];
    for (const seed of [1, 2, 3, 4, 5]) {
      const random = seededRandom(seed * 1000 + size);
      const pos = Math.max(2, Math.round(size * rate));
      const sample = [
        ...shuffle([...positives], random).slice(0, pos),
        ...shuffle([...negatives], random).slice(0, size - pos),
      ];
      const sub = selectRows(table, sample);
      const subLabels = Uint8Array.from(sample, (row) => labels[row] as number);
      // Held-out metrics come from the common 20 %: the trainer's own split only picks early stopping and calibration.
      const outcome = trainConversionModel(sub, subLabels, { seed, testShare: 0.001 });
      const m = evaluate(holdoutLabels, predictProbabilities(outcome.model, holdout));
      aucs.push(m.rocAuc);
      skills.push(1 - m.brier / m.baseRateBrier);
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    console.log(
      `  ${String(size).padStart(4)}  ${String(Math.round(size * rate)).padStart(9)}  ${mean(aucs).toFixed(3)} (${Math.min(...aucs).toFixed(3)}–${Math.max(...aucs).toFixed(3)})   ${mean(skills).toFixed(3)}`,
    );
  }
}
