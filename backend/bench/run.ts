import { crmBench } from './crm.ts';
import { freshnessBench } from './freshness.ts';
import { learningCurveBench } from './learning-curve.ts';
import { leadsBench } from './leads.ts';
import { liveBench } from './live.ts';
import { modelChoiceBench } from './model-choice.ts';
import { researchBench } from './research.ts';
import { routingBench } from './routing.ts';
import { scoringBench } from './scoring.ts';
import { smokeBench } from './smoke.ts';
import { startBench } from './start.ts';
import { tenantsBench } from './tenants.ts';

/**
 * Benchmarks print figures; they assert nothing, but for `smoke`, which fails on a gross regression against its
 * committed baseline. `npm run bench -- [name ...]` runs the named ones (all but `smoke` by default).
 * The database is embedded PGlite in memory, or BENCH_DATABASE_URL when set.
 */
const benches: Record<string, () => Promise<unknown>> = {
  leads: leadsBench,
  scoring: scoringBench,
  freshness: freshnessBench,
  'learning-curve': learningCurveBench,
  'model-choice': modelChoiceBench,
  crm: crmBench,
  live: liveBench,
  routing: routingBench,
  research: researchBench,
  start: startBench,
  tenants: tenantsBench,
  smoke: smokeBench,
};

const names = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const unknown = names.filter((name) => !(name in benches));
if (unknown.length > 0) {
  console.error(`Unknown benchmark: ${unknown.join(', ')}. Known: ${Object.keys(benches).join(', ')}`);
  process.exit(2);
}
for (const name of names.length > 0 ? names : Object.keys(benches).filter((name) => name !== 'smoke'))
  await benches[name]!();
