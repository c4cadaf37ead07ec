import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { trainConversionModel } from '../../src/ml/conversion-model.ts';
import { readLabelledCsv } from '../../src/ml/csv-table.ts';

// The real outcomes of a bank's outbound calling campaigns, kept beside the repository (../shared/data).
const file = fileURLToPath(new URL('../../../../shared/data/bank-marketing/bank-additional-full.csv', import.meta.url));

describe('conversion model on real outbound outcomes (bank marketing, duration dropped)', () => {
  it('reaches the published reference on a stratified 20 % hold-out, with useful calibration', async () => {
    const { table, labels } = readLabelledCsv(await readFile(file, 'utf8'), {
      target: 'y',
      positive: 'yes',
      drop: ['duration'],
    });
    const outcome = trainConversionModel(table, labels);
    expect(outcome.metrics.rows).toBe(8238);
    expect(outcome.metrics.rocAuc).toBeGreaterThanOrEqual(0.8);
    // Clearly better than always predicting the base rate.
    expect(outcome.metrics.brier).toBeLessThan(outcome.metrics.baseRateBrier * 0.85);
    expect(outcome.metrics.topDecileLift).toBeGreaterThan(3.5);
    for (const bin of outcome.metrics.calibration) expect(Math.abs(bin.predicted - bin.observed)).toBeLessThan(0.05);
  });
});
