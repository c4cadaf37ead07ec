import { readFileSync, writeFileSync } from 'node:fs';
import { emptyDatabase } from '../test/support/database.ts';
import { recentCalibration, type Calibration } from './calibration.ts';
import { leadsBench } from './leads.ts';
import { liveBench } from './live.ts';
import { routingBench } from './routing.ts';
import { scoringBench } from './scoring.ts';
import { whereOf } from './service.ts';

/**
 * The guard against gross regressions, run by CI: the same paths as the full benchmarks on a small tenant, in about
 * two minutes. Each figure is a cost (time per unit; higher is worse) and is scaled by what limits it, the CPU or
 * the disk's commit rate, measured in the same run, before it is compared with the committed baseline: a machine
 * half as fast does not trip it, a path three times slower does. `--update-baseline` records this run as the new
 * baseline, deliberately.
 */
const BASELINE = new URL('./smoke-baseline.json', import.meta.url);
const LIMIT = 3;

/** What limits a figure: the CPU (scaled by the JavaScript loop's rate), the disk (by the commit rate), or nothing. */
type Bound = 'cpu' | 'disk' | 'none';

interface Figure {
  name: string;
  value: number;
  unit: string;
  bound: Bound;
}

interface Baseline {
  calibration: Pick<Calibration, 'jsLoopPerUs' | 'commits1' | 'line'>;
  figures: Record<string, number>;
}

/** One baseline per kind of database: in-memory PGlite and a PostgreSQL server are different machines. */
type Baselines = Partial<Record<'postgres' | 'pglite', Baseline>>;

function readBaselines(): Baselines {
  try {
    return JSON.parse(readFileSync(BASELINE, 'utf8')) as Baselines;
  } catch {
    return {};
  }
}

function scaled(figure: Figure, here: Calibration, baseline: Baseline['calibration']): number {
  if (figure.bound === 'cpu') return figure.value * (here.jsLoopPerUs / baseline.jsLoopPerUs);
  if (figure.bound === 'disk') return figure.value * (here.commits1 / baseline.commits1);
  return figure.value;
}

export async function smokeBench(): Promise<void> {
  const started = performance.now();
  const scratch = await emptyDatabase(process.env.BENCH_DATABASE_URL, 10);
  const kind = scratch.kind;
  // Measured once for the whole run: the benchmarks below print and use the same calibration.
  const calibration = await recentCalibration(scratch.pool, whereOf(scratch));
  await scratch.close();
  console.log(`smoke: ${calibration.line}`);

  const leads = await leadsBench({ batches: 3 });
  const scoring = await scoringBench({ leads: 5_000, rate: 100, seconds: 5, model: false });
  const live = await liveBench({ calls: 100, seconds: 10, fanOuts: ['in-process'] });
  const routing = await routingBench({ leads: 2_000 });
  const figures: Figure[] = [
    { name: 'lead upsert, insert', value: leads.insertUsPerLead, unit: 'µs per lead', bound: 'cpu' },
    { name: 'lead upsert, update', value: leads.updateUsPerLead, unit: 'µs per lead', bound: 'cpu' },
    { name: 'lead read, p50', value: leads.readP50Ms, unit: 'ms', bound: 'cpu' },
    { name: 'rescore-all', value: scoring.rescoreUsPerLead, unit: 'µs per lead', bound: 'cpu' },
    // Medians: a path grossly slower shows in them, and tails on a shared machine move with its neighbours.
    { name: 'one-lead score, p50', value: scoring.singleP50Ms, unit: 'ms', bound: 'cpu' },
    { name: 'live suggestion, p50', value: live.suggestionP50Ms, unit: 'ms', bound: 'cpu' },
    { name: 'live service CPU', value: live.cpuMsPerSegment, unit: 'ms per segment', bound: 'cpu' },
    { name: 'live commits', value: live.commitsPerSegment, unit: 'per segment', bound: 'none' },
    { name: 'routing, one lead per call', value: routing.singleUsPerLead, unit: 'µs per lead', bound: 'cpu' },
    { name: 'routing, batches', value: routing.batchedUsPerLead, unit: 'µs per lead', bound: 'cpu' },
  ];

  if (process.argv.includes('--update-baseline')) {
    const baselines = readBaselines();
    baselines[kind] = {
      calibration: {
        jsLoopPerUs: calibration.jsLoopPerUs,
        commits1: calibration.commits1,
        line: calibration.line,
      },
      figures: Object.fromEntries(figures.map((f) => [f.name, Number(f.value.toPrecision(4))])),
    };
    writeFileSync(BASELINE, `${JSON.stringify(baselines, null, 2)}\n`);
    console.log(`smoke: ${kind} baseline written to ${BASELINE.pathname}`);
    return;
  }

  const baseline = readBaselines()[kind];
  if (!baseline) {
    console.error(`smoke: no ${kind} baseline in ${BASELINE.pathname}; record one with --update-baseline`);
    process.exitCode = 1;
    return;
  }
  console.log(`smoke: against the baseline measured on ${baseline.calibration.line}`);
  const regressions: string[] = [];
  for (const figure of figures) {
    const before = baseline.figures[figure.name];
    const now = scaled(figure, calibration, baseline.calibration);
    const ratio = before === undefined ? NaN : now / before;
    const verdict = Number.isNaN(ratio) ? 'no baseline' : ratio >= LIMIT ? 'REGRESSION' : 'ok';
    console.log(
      `  ${figure.name.padEnd(28)} ${figure.value.toFixed(2).padStart(9)} ${figure.unit.padEnd(15)} ` +
        `scaled ${now.toFixed(2).padStart(9)} vs ${before?.toFixed(2) ?? '—'} (${Number.isNaN(ratio) ? '—' : `${ratio.toFixed(2)}×`}) ${verdict}`,
    );
    if (verdict === 'REGRESSION') regressions.push(figure.name);
  }
  if (live.lost > 0) regressions.push(`live: ${live.lost} segments lost, undelivered or duplicated`);
  console.log(`smoke: ${((performance.now() - started) / 1000).toFixed(0)} s`);
  if (regressions.length > 0) {
    console.error(`smoke: ${LIMIT}× or worse than the baseline: ${regressions.join('; ')}`);
    process.exitCode = 1;
  }
}
