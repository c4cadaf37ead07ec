import { trainFromCrm } from '../src/agents/scoring/crm-training.ts';
import type { Database } from '../src/db/connect.ts';
import type { JobContext } from '../src/jobs/queue.ts';
import { TenantDb } from '../src/db/tenant-db.ts';
import { trainConversionModel } from '../src/ml/conversion-model.ts';
import { encodeTable } from '../src/ml/encoding.ts';
import { predictRaw } from '../src/ml/gbdt.ts';
import { seededRandom } from '../src/ml/random.ts';
import type { Table } from '../src/ml/table.ts';
import { contributions, ShapCache } from '../src/ml/tree-shap.ts';
import { mib, ms, percentile, withPeakMemory } from './figures.ts';
import { readAndCopy } from './copy-reference.ts';
import { openLoop } from './open-loop.ts';
import { profiled } from './profile.ts';
import { benchService } from './service.ts';

const LEADS = Number(process.env.BENCH_LEADS ?? 100_000);
const INDUSTRIES = ['Logistics', 'Construction', 'Retail', 'Food & Beverage', 'Utilities', 'Field Services'];
const SOURCES = ['Webinar', 'Website', 'Referral', 'Paid Search', 'Trade Show', 'Outbound', 'Partner'];
const TITLES = ['Fleet Manager', 'VP Operations', 'Head of Transport', 'Coordinator', 'CEO', 'Analyst', 'Select'];

function syntheticTable(rows: number, seed: number): { table: Table; labels: Uint8Array } {
  const random = seededRandom(seed);
  const employees = new Float64Array(rows);
  const touches = new Float64Array(rows);
  const seniority = new Float64Array(rows);
  const industry: (string | null)[] = [];
  const source: (string | null)[] = [];
  const labels = new Uint8Array(rows);
  for (let i = 0; i < rows; i += 1) {
    employees[i] = random() < 0.1 ? NaN : Math.round(10 ** (1 + random() * 3));
    touches[i] = Math.floor(random() * 12);
    seniority[i] = random() < 0.15 ? NaN : Math.floor(random() * 7);
    industry.push(INDUSTRIES[Math.floor(random() * INDUSTRIES.length)] as string);
    source.push(SOURCES[Math.floor(random() * SOURCES.length)] as string);
    const logit =
      -2.5 +
      (Number.isNaN(employees[i]!) ? 0 : Math.log10(employees[i]!) - 2) +
      0.15 * touches[i]! +
      (source[i] === 'Referral' ? 1 : 0) +
      (Number.isNaN(seniority[i]!) ? -0.3 : 0.2 * seniority[i]!);
    labels[i] = random() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
  }
  return {
    table: {
      rows,
      columns: [
        { name: 'company.employees', kind: 'numeric', values: employees },
        { name: 'activity.touches_30d', kind: 'numeric', values: touches },
        { name: 'lead.seniority', kind: 'numeric', values: seniority },
        { name: 'company.industry', kind: 'categorical', values: industry },
        { name: 'lead.source', kind: 'categorical', values: source },
      ],
    },
    labels,
  };
}

function modelFigures(): void {
  const { table, labels } = syntheticTable(LEADS, 11);
  const started = performance.now();
  const outcome = trainConversionModel(table, labels);
  const trainMs = performance.now() - started;
  console.log(
    `  training on ${LEADS.toLocaleString('en-US')} rows: ${(trainMs / 1000).toFixed(1)} s, ${outcome.rounds} trees, held-out ROC AUC ${outcome.metrics.rocAuc.toFixed(3)}`,
  );
  const columns = encodeTable(outcome.model.features, table);
  predictRaw(outcome.model.gbdt, columns, 1000);
  const inferStart = performance.now();
  predictRaw(outcome.model.gbdt, columns, LEADS);
  const inferMs = performance.now() - inferStart;
  console.log(
    `  inference: ${Math.round(LEADS / (inferMs / 1000)).toLocaleString('en-US')} leads/s on one core (${ms(inferMs)} for ${LEADS.toLocaleString('en-US')})`,
  );
  const explained = 5000;
  const shapStart = performance.now();
  for (let row = 0; row < explained; row += 1)
    contributions(
      outcome.model.gbdt,
      columns.map((c) => c[row] as number),
    );
  const shapMs = performance.now() - shapStart;
  console.log(
    `  exact reasons (TreeSHAP): ${Math.round(explained / (shapMs / 1000)).toLocaleString('en-US')} leads/s on one core`,
  );
  const cache = new ShapCache();
  const cachedStart = performance.now();
  for (let row = 0; row < LEADS; row += 1)
    contributions(
      outcome.model.gbdt,
      columns.map((c) => c[row] as number),
      cache,
    );
  const cachedMs = performance.now() - cachedStart;
  const patterns = [...cache.perTree.values()].reduce((sum, p) => sum + p.size, 0);
  console.log(
    `  exact reasons with the split-pattern cache, ${LEADS.toLocaleString('en-US')} leads: ${Math.round(LEADS / (cachedMs / 1000)).toLocaleString('en-US')} leads/s on one core (${patterns.toLocaleString('en-US')} patterns over ${outcome.rounds} trees)`,
  );
}

const SCORE_COLUMNS = [
  'tenantId',
  'id',
  'leadId',
  'ev',
  'pConvert',
  'expectedValue',
  'currency',
  'risk',
  'urgency',
  'reasons',
  'missing',
  'modelVersionId',
  'scoredAt',
]
  .map((c) => `"${c}"`)
  .join(', ');

const quoted = (values: string[]) => `ARRAY[${values.map((v) => `'${v.replaceAll("'", "''")}'`).join(', ')}]`;

/**
 * A tenant of `leads` leads over 18 months, their companies and touches, and outcomes that follow the features.
 * Generated inside the database with a fixed seed, so the benchmark's memory figures are the scoring's own, not
 * the residue of building a hundred thousand records in this process.
 */
export async function seedTenant(db: Database, tenantId: string, leads = LEADS): Promise<void> {
  const companies = Math.ceil(leads / 5);
  const client = await db.pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT set_config('sdr.actor', 'bench', true), setseed(0.7)`);
    await client.query(
      `CREATE TEMP TABLE seed_company ON COMMIT DROP AS
         SELECT i, gen_random_uuid()::text AS id, round(power(10, 1 + random() * 3))::int AS employees
           FROM generate_series(0, $1::int - 1) i`,
      [companies],
    );
    await client.query(
      `INSERT INTO "Company" ("tenantId", "id", "name", "domain", "industry", "employees", "country", "updatedAt")
       SELECT $1, id, 'Company ' || i, 'company' || i || '.example', (${quoted(INDUSTRIES)})[1 + i % ${INDUSTRIES.length}],
              employees, CASE WHEN i % 3 = 0 THEN 'US' ELSE 'GB' END, now()
         FROM seed_company`,
      [tenantId],
    );
    await client.query(
      `CREATE TEMP TABLE seed_lead ON COMMIT DROP AS
         SELECT l.i, gen_random_uuid()::text AS id, c.id AS company_id, c.i AS company, c.employees,
                now() - random() * interval '540 days' AS created_at,
                (${quoted(SOURCES)})[1 + floor(random() * ${SOURCES.length})::int] AS source,
                (${quoted(TITLES)})[1 + floor(random() * ${TITLES.length})::int] AS title,
                floor(random() * 6)::int AS touches, random() AS draw, random() AS delay
           FROM generate_series(0, $1::int - 1) l(i) JOIN seed_company c ON c.i = l.i % $2`,
      [leads, companies],
    );
    await client.query(
      `INSERT INTO "Lead" ("tenantId", "id", "crmId", "lastName", "email", "title", "source", "companyId",
                           "companyName", "createdAt", "convertedAt", "updatedAt")
       SELECT $1, id, '00Q' || lpad(i::text, 15, '0'), 'Lead ' || i, 'lead' || i || '@company' || company || '.example',
              title, source, company_id, 'Company ' || company, created_at,
              CASE WHEN draw < 1 / (1 + exp(-(-2.2 + log(employees) - 2 + 0.3 * touches
                     + CASE WHEN source = 'Referral' THEN 1 ELSE 0 END
                     + CASE WHEN title LIKE 'VP%' OR title = 'CEO' THEN 0.6 ELSE 0 END)))
                   THEN created_at + (5 + delay * 60) * interval '1 day' END,
              now()
         FROM seed_lead`,
      [tenantId],
    );
    await client.query(
      `INSERT INTO "Activity" ("tenantId", "id", "leadId", "type", "direction", "occurredAt")
       SELECT $1, gen_random_uuid()::text, l.id, CASE WHEN k % 3 = 0 THEN 'call' ELSE 'email' END,
              CASE WHEN k % 4 = 0 THEN 'inbound' ELSE 'outbound' END, l.created_at + (k + 1) * interval '2 days'
         FROM seed_lead l, generate_series(0, l.touches - 1) k`,
      [tenantId],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

export interface ScoringFigures {
  rescoreUsPerLead: number;
  singleP50Ms: number;
  singleP99Ms: number;
}

/**
 * The model on a synthetic table, then a tenant of `leads` leads: training from its history, rescoring it all, and
 * one-lead scores at `rate` requests a second for `seconds`. The smoke run takes the same paths on a small tenant.
 */
export async function scoringBench(
  options: { leads?: number; rate?: number; seconds?: number; model?: boolean } = {},
): Promise<ScoringFigures> {
  const { leads = LEADS, rate = 200, seconds = 10, model = true } = options;
  if (model) {
    console.log('scoring: model');
    modelFigures();
  }

  const service = await benchService();
  const { db, scoring, tenantId, headers, where } = service;
  console.log(`scoring: a tenant of ${leads.toLocaleString('en-US')} leads on ${where}`);
  try {
    const seedStart = performance.now();
    await seedTenant(db, tenantId, leads);
    console.log(`  seeded in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);
    const tenant = new TenantDb(db.prisma, tenantId, 'bench');

    const trainStart = performance.now();
    const train = await withPeakMemory(() =>
      profiled('training', leads, () => trainFromCrm(tenant, { now: new Date() })),
    );
    const trainSeconds = (performance.now() - trainStart) / 1000;
    console.log(
      `  training from CRM history (reading the leads included): ${trainSeconds.toFixed(1)} s, ${train.value.labelled.toLocaleString('en-US')} decided leads, ROC AUC ${train.value.metrics?.rocAuc.toFixed(3)}, peak rss ${mib(train.peak)} — ${train.value.message}`,
    );

    const progress: JobContext = {
      tenantId,
      jobId: 'bench',
      attempt: 1,
      signal: new AbortController().signal,
      reportProgress: async () => {},
    };
    const before = await service.transactions();
    const rescoreStart = performance.now();
    const rescore = await withPeakMemory(() =>
      profiled('rescore-all', leads, () => scoring.rescoreAll.handler({}, progress)),
    );
    const rescoreMs = performance.now() - rescoreStart;
    const commits = (await service.transactions()) - before - 1;
    const tenantRows = `"tenantId" = '${tenantId}'`;
    // PGlite's socket speaks no COPY sub-protocol: the reference is the server's alone.
    const reference =
      db.kind === 'postgres'
        ? await readAndCopy(
            db.pool,
            [
              `SELECT * FROM "Lead" l LEFT JOIN "Company" c ON c."tenantId" = l."tenantId" AND c."id" = l."companyId" WHERE l.${tenantRows}`,
              `SELECT * FROM "Activity" WHERE ${tenantRows}`,
            ],
            'Score',
            SCORE_COLUMNS,
            tenantRows,
          )
        : null;
    console.log(
      `  rescore-all: ${(rescore.value as { scored: number }).scored.toLocaleString('en-US')} leads in ${(rescoreMs / 1000).toFixed(1)} s ` +
        `(${Math.round(leads / (rescoreMs / 1000)).toLocaleString('en-US')} leads/s), peak rss ${mib(rescore.peak)}, ` +
        `${commits} commits` +
        (reference
          ? `; a plain read-and-COPY of the same rows takes ${(reference.ms / 1000).toFixed(1)} s: ` +
            `rescore-all at ${((100 * reference.ms) / rescoreMs).toFixed(0)} % of it`
          : ''),
    );

    const { base, stop } = await service.serve();
    const ids = (await db.prisma.lead.findMany({ where: { tenantId }, select: { id: true }, take: 5000 })).map(
      (l) => l.id,
    );
    const request = (i: number) => ({
      method: 'POST',
      path: '/v1/scores',
      body: JSON.stringify({ leadIds: [ids[i % ids.length]], store: false }),
    });
    await openLoop({ base, headers, perSecond: 50, requests: Array.from({ length: 100 }, (_, i) => request(i)) });
    const beforeSingle = await service.transactions();
    const run = await profiled('single-score', rate * seconds, () =>
      openLoop({
        base,
        headers,
        perSecond: rate,
        requests: Array.from({ length: rate * seconds }, (_, i) => request(i)),
      }),
    );
    const { latencies } = run;
    const singleCommits = (await service.transactions()) - beforeSingle - 1;
    console.log(
      `  POST /v1/scores, one lead, at ${rate} req/s for ${seconds} s from a client thread (achieved ${run.achievedPerSecond.toFixed(0)} req/s, ${run.failures} failed): ` +
        `p50 ${ms(percentile(latencies, 50))}, p99 ${ms(percentile(latencies, 99))}, max ${ms(Math.max(...latencies))}; ${(singleCommits / (rate * seconds)).toFixed(2)} commits per request`,
    );
    await stop();
    return {
      rescoreUsPerLead: (1000 * rescoreMs) / leads,
      singleP50Ms: percentile(latencies, 50),
      singleP99Ms: percentile(latencies, 99),
    };
  } finally {
    await service.close();
  }
}
