import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { systemClock } from '../clock.ts';
import type { PrismaClient } from '../db/generated/client.ts';
import { TenantDb } from '../db/tenant-db.ts';
import { evaluateCsv, trainFromCsv, UnknownModelError } from '../agents/scoring/csv-training.ts';
import { DatasetError } from '../ml/csv-table.ts';
import type { Metrics } from '../ml/metrics.ts';
import { exitOnError, UserError, withDatabase } from './open-database.ts';

const USAGE = `Usage: npm run sdr -- <command> [options]

Commands:
  train --csv FILE --target COLUMN --positive VALUE [--drop COL,...] [--sep ';'] [--seed N] [--tenant ID] [--json]
      Learn P(convert) from an export of past outcomes; stores a model version, made active only when it is at least
      as good as the active one on the same held-out rows. Prints held-out metrics (--json: one JSON object).
  evaluate --model VERSION --csv FILE --target COLUMN --positive VALUE [--drop COL,...] [--sep ';'] [--tenant ID] [--json]
      Score a labelled file with a stored model version and print the same metrics.

--tenant defaults to the only tenant in the database.`;

const pct = (value: number) => `${(value * 100).toFixed(1)} %`;
const num = (value: number, digits = 4) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');

function metricsText(m: Metrics): string {
  const lines = [
    `Held-out rows: ${m.rows} (${m.positives} positive, base rate ${pct(m.baseRate)})`,
    `  ROC AUC          ${num(m.rocAuc)}`,
    `  PR AUC           ${num(m.prAuc)}`,
    `  Brier score      ${num(m.brier)}   (always predicting the base rate: ${num(m.baseRateBrier)})`,
    `  Log loss         ${num(m.logLoss)}`,
    `  Top-decile lift  ${num(m.topDecileLift, 2)}`,
    'Calibration (tenths of the rows by prediction: mean predicted → observed rate, rows):',
    ...m.calibration.map(
      (bin) =>
        `  ${String(bin.bin).padStart(2)}  ${pct(bin.predicted).padStart(7)} → ${pct(bin.observed).padStart(7)}  (${bin.count})`,
    ),
  ];
  return lines.join('\n');
}

function metricsJson(m: Metrics) {
  return {
    rocAuc: m.rocAuc,
    prAuc: m.prAuc,
    brier: m.brier,
    baseRateBrier: m.baseRateBrier,
    logLoss: m.logLoss,
    baseRate: m.baseRate,
    topDecileLift: m.topDecileLift,
    rows: m.rows,
    positives: m.positives,
    calibration: m.calibration,
  };
}

async function resolveTenant(prisma: PrismaClient, given: string | undefined): Promise<string> {
  if (given) {
    const tenant = await prisma.tenant.findUnique({ where: { id: given } });
    if (!tenant) throw new UserError(`No tenant ${given}`);
    return tenant.id;
  }
  const tenants = await prisma.tenant.findMany({ select: { id: true, name: true }, take: 3 });
  if (tenants.length === 1) return (tenants[0] as { id: string }).id;
  if (tenants.length === 0)
    throw new UserError(
      'No tenant yet: run `npm start` once (it seeds the demo tenant) or `npm run admin -- tenant create ...`',
    );
  throw new UserError(`Several tenants: choose one with --tenant (npm run admin -- tenant list)`);
}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      csv: { type: 'string' },
      target: { type: 'string' },
      positive: { type: 'string' },
      drop: { type: 'string' },
      sep: { type: 'string' },
      seed: { type: 'string' },
      model: { type: 'string' },
      tenant: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command] = positionals;
  if (values.help || !command) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (command !== 'train' && command !== 'evaluate') throw new UserError(`Unknown command: ${command}\n\n${USAGE}`);
  for (const required of ['csv', 'target', 'positive'] as const)
    if (!values[required]) throw new UserError(`--${required} is required\n\n${USAGE}`);
  if (command === 'evaluate' && !values.model) throw new UserError(`--model is required\n\n${USAGE}`);
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (seed !== undefined && !Number.isInteger(seed)) throw new UserError('--seed must be an integer');
  const separator = values.sep === '\\t' ? '\t' : values.sep;
  if (separator !== undefined && separator.length !== 1)
    throw new UserError('--sep must be a single character (\\t for tab)');
  let text: string;
  try {
    text = await readFile(values.csv as string, 'utf8');
  } catch (error) {
    throw new UserError(
      `Cannot read ${values.csv}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  const csvOptions = {
    target: values.target as string,
    positive: values.positive as string,
    ...(values.drop
      ? {
          drop: values.drop
            .split(',')
            .map((c) => c.trim())
            .filter(Boolean),
        }
      : {}),
    ...(separator ? { separator } : {}),
  };

  await withDatabase(async (db) => {
    const tenantId = await resolveTenant(db.prisma, values.tenant);
    const tenant = new TenantDb(db.prisma, tenantId, 'sdr-cli');
    if (command === 'train') {
      const started = performance.now();
      const result = await trainFromCsv(
        tenant,
        text,
        {
          ...csvOptions,
          ...(seed !== undefined ? { seed } : {}),
          onProgress: values.json
            ? undefined
            : (p) => {
                if (p.round % 50 === 0)
                  process.stderr.write(`  round ${p.round}: validation log loss ${p.validationLoss.toFixed(4)}\n`);
              },
        },
        systemClock,
      );
      const seconds = (performance.now() - started) / 1000;
      const training = result.version.training;
      if (values.json) {
        process.stdout.write(
          `${JSON.stringify({
            modelVersion: result.version.version,
            promoted: result.promoted,
            promotion: training?.promotion,
            ...metricsJson(result.metrics),
            trainingRows: result.version.rows,
            rounds: training?.rounds,
            seconds,
            features: training?.features,
            excluded: training?.excluded,
          })}\n`,
        );
        return;
      }
      const top = (training?.features ?? [])
        .slice(0, 8)
        .map((f) => `${f.label} ${pct(f.importance)}`)
        .join(', ');
      process.stdout.write(
        [
          `Model ${result.version.version}: gradient-boosted trees, ${training?.rounds} trees, trained on ${result.version.rows} rows in ${seconds.toFixed(1)} s`,
          training?.promotion ?? '',
          metricsText(result.metrics),
          `Most informative columns: ${top}`,
          ...(training?.excluded.length
            ? [`Left out: ${training.excluded.map((e) => `${e.column} (${e.reason})`).join(', ')}`]
            : []),
        ].join('\n') + '\n',
      );
      return;
    }
    const result = await evaluateCsv(tenant, values.model as string, text, csvOptions);
    if (values.json)
      process.stdout.write(`${JSON.stringify({ modelVersion: result.version, ...metricsJson(result.metrics) })}\n`);
    else
      process.stdout.write(
        `Model ${result.version} on ${values.csv}\n${metricsText(result.metrics).replace('Held-out rows', 'Rows')}\n`,
      );
  });
}

main(process.argv.slice(2)).catch(exitOnError(USAGE, [DatasetError, UnknownModelError]));
