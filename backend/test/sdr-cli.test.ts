import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Database } from '../src/db/connect.ts';
import { seededRandom } from '../src/ml/random.ts';
import { createTenant } from '../src/tenancy/tenants.ts';
import { databaseLabel, emptyDatabase } from './support/database.ts';
import { run } from './support/process.ts';
import { migrate } from '../src/db/migrate.ts';

/** A CRM-like export: the outcome depends on source and company size; `Notes` is noise. */
function exportCsv(rows: number, seed: number): string {
  const random = seededRandom(seed);
  const sources = ['Referral', 'Webinar', 'Paid Search', 'Outbound', 'Select'];
  const lines = ['Lead Source,Employees,Notes,Stage'];
  for (let i = 0; i < rows; i += 1) {
    const source = sources[Math.floor(random() * sources.length)] as string;
    const employees = Math.round(10 ** (1 + random() * 3));
    const logit = (source === 'Referral' ? 1.5 : source === 'Paid Search' ? -1 : 0) + Math.log10(employees) - 3;
    const won = random() < 1 / (1 + Math.exp(-logit));
    lines.push(
      `${source},"${employees.toLocaleString('en-US')}",${random() < 0.5 ? 'call back' : ''},${won ? 'Closed Won' : 'Closed Lost'}`,
    );
  }
  return lines.join('\n');
}

describe(`sdr CLI: train and evaluate on ${databaseLabel}`, () => {
  let env: NodeJS.ProcessEnv;
  let db: Database;
  let dir: string;
  let versionCount: () => Promise<number>;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'sdr-cli-'));
    await writeFile(path.join(dir, 'export.csv'), exportCsv(3000, 5));
    if (process.env.TEST_DATABASE_URL) {
      db = await emptyDatabase();
      await migrate(db.pool);
      env = { DATABASE_URL: String(db.connection.connectionString) };
      await createTenant(db.prisma, { crm: 'hubspot', externalId: '9001', name: 'Export test' });
      versionCount = () => db.prisma.modelVersion.count();
    } else {
      env = { DATABASE_URL: '', DATA_DIR: path.join(dir, 'data') };
      const created = await run(
        'src/cli/admin.ts',
        ['tenant', 'create', '--crm', 'hubspot', '--external-id', '9001', '--name', 'Export test'],
        env,
      );
      expect(created.code).toBe(0);
      versionCount = async () => {
        const listed = await run('src/cli/admin.ts', ['tenant', 'list', '--json'], env);
        expect(listed.code).toBe(0);
        const { openDatabase } = await import('../src/db/connect.ts');
        const opened = await openDatabase({ dataDir: env.DATA_DIR as string });
        try {
          return await opened.prisma.modelVersion.count();
        } finally {
          await opened.close();
        }
      };
    }
  });
  afterAll(async () => {
    await db?.close();
  });

  const sdr = (...args: string[]) => run('src/cli/sdr.ts', args, env);
  const csv = () => path.join(dir, 'export.csv');

  it('trains from an export with its own column names, prints one JSON object, and evaluates the stored version', async () => {
    const trained = await sdr('train', '--csv', csv(), '--target', 'Stage', '--positive', 'Closed Won', '--json');
    expect(trained.stderr).toBe('');
    expect(trained.code).toBe(0);
    const result = JSON.parse(trained.stdout);
    for (const key of ['rocAuc', 'prAuc', 'brier', 'logLoss', 'baseRate', 'topDecileLift', 'rows', 'modelVersion'])
      expect(result).toHaveProperty(key);
    expect(result.rows).toBe(600);
    expect(result.rocAuc).toBeGreaterThan(0.7);
    expect(result.brier).toBeLessThan(result.baseRateBrier);
    expect(result.promoted).toBe(true);
    expect(
      result.features
        .map((f: { name: string }) => f.name)
        .slice(0, 2)
        .sort(),
    ).toEqual(['Employees', 'Lead Source']);

    const evaluated = await sdr(
      'evaluate',
      '--model',
      result.modelVersion,
      '--csv',
      csv(),
      '--target',
      'Stage',
      '--positive',
      'Closed Won',
      '--json',
    );
    expect(evaluated.code).toBe(0);
    const metrics = JSON.parse(evaluated.stdout);
    expect(metrics).toMatchObject({ modelVersion: result.modelVersion, rows: 3000 });
    expect(metrics.rocAuc).toBeGreaterThan(0.7);

    const human = await sdr(
      'evaluate',
      '--model',
      result.modelVersion,
      '--csv',
      csv(),
      '--target',
      'Stage',
      '--positive',
      'Closed Won',
    );
    expect(human.stdout).toMatch(/ROC AUC\s+0\.\d{4}/);
    expect(human.stdout).toMatch(/Top-decile lift/);
  });

  it('keeps the active model when a new one is worse on the same held-out rows', async () => {
    const worse = await sdr(
      'train',
      '--csv',
      csv(),
      '--target',
      'Stage',
      '--positive',
      'Closed Won',
      '--drop',
      'Lead Source',
      '--json',
    );
    expect(worse.stderr).toBe('');
    expect(worse.code).toBe(0);
    const result = JSON.parse(worse.stdout);
    expect(result.promoted).toBe(false);
    expect(result.promotion).toMatch(/^Not promoted: ROC AUC/);
  });

  it.each([
    ['a missing target column', ['--target', 'Outcome', '--positive', 'Closed Won'], /No column "Outcome"/],
    ['a positive value that never occurs', ['--target', 'Stage', '--positive', 'Won'], /No row has Stage = "Won"/],
    [
      'a file that does not exist',
      ['--target', 'Stage', '--positive', 'Closed Won', '--csv', '/nonexistent.csv'],
      /Cannot read \/nonexistent.csv: ENOENT/,
    ],
    ['a missing option', ['--target', 'Stage'], /--positive is required/],
  ])('refuses %s with a clear message and stores no model', async (_, args, message) => {
    const before = await versionCount();
    const withCsv = args.includes('--csv') ? args : ['--csv', csv(), ...args];
    const result = await sdr('train', ...withCsv);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(await versionCount()).toBe(before);
  });

  it('refuses to evaluate a version that does not exist', async () => {
    const result = await sdr(
      'evaluate',
      '--model',
      '1999-01-01.1',
      '--csv',
      csv(),
      '--target',
      'Stage',
      '--positive',
      'Closed Won',
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('No model version "1999-01-01.1"');
  });
});
