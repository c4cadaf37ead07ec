import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { trainConversionModel } from '../../src/ml/conversion-model.ts';
import { readLabelledCsv } from '../../src/ml/csv-table.ts';
import { bankMarketingFile, readBankMarketingCsv } from '../support/bank-marketing.ts';

// The real outcomes of a bank's outbound calling campaigns, kept in the repository (test/data/bank-marketing).

describe('conversion model on real outbound outcomes (bank marketing, duration dropped)', () => {
  it('reaches the published reference on a stratified 20 % hold-out, with useful calibration', async () => {
    const { table, labels } = readLabelledCsv(await readBankMarketingCsv(), {
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

describe('the data set file', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'bank-marketing-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('lives in the repository', () => {
    expect(path.relative(fileURLToPath(new URL('../../..', import.meta.url)), bankMarketingFile)).toBe(
      path.join('backend', 'test', 'data', 'bank-marketing', 'bank-additional-full.csv.gz'),
    );
  });

  it('names its path when it is missing', async () => {
    const missing = path.join(dir, 'gone.csv.gz');
    await expect(readBankMarketingCsv(missing)).rejects.toThrow(`The bank-marketing data set at ${missing} is missing`);
  });

  it('names its path when it is not gzip', async () => {
    const broken = path.join(dir, 'broken.csv.gz');
    await writeFile(broken, 'age;job;y\n30;admin.;no\n');
    await expect(readBankMarketingCsv(broken)).rejects.toThrow(
      new RegExp(`^The bank-marketing data set at ${broken.replaceAll('.', '\\.')} is not a readable gzip file`),
    );
  });

  it('names its path when its rows were altered', async () => {
    const altered = path.join(dir, 'altered.csv.gz');
    await writeFile(altered, gzipSync('age;job;y\n30;admin.;no\n'));
    await expect(readBankMarketingCsv(altered)).rejects.toThrow(
      `The bank-marketing data set at ${altered} differs from the published data set`,
    );
  });
});
