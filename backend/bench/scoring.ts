import { randomUUID } from 'node:crypto';
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
import { mib, ms, percentile } from './figures.ts';
import { benchService } from './service.ts';

const DAY = 86_400_000;
const LEADS = Number(process.env.BENCH_LEADS ?? 100_000);
const INDUSTRIES = ['Logistics', 'Construction', 'Retail', 'Food & Beverage', 'Utilities', 'Field Services'];
const SOURCES = ['Webinar', 'Website', 'Referral', 'Paid Search', 'Trade Show', 'Outbound', 'Partner'];
const TITLES = ['Fleet Manager', 'VP Operations', 'Head of Transport', 'Coordinator', 'CEO', 'Analyst', 'Select'];

/** Peak resident memory while `work` runs, sampled every 50 ms. */
async function withPeakMemory<T>(work: () => Promise<T>): Promise<{ value: T; peak: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  try {
    const value = await work();
    return { value, peak: Math.max(peak, process.memoryUsage().rss) };
  } finally {
    clearInterval(timer);
  }
}

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

/** A tenant with LEADS leads over 18 months, their companies and touches, and outcomes that follow the features. */
export async function seedTenant(db: Database, tenantId: string): Promise<void> {
  const random = seededRandom(7);
  const now = Date.now();
  const companies = Array.from({ length: Math.ceil(LEADS / 5) }, (_, i) => ({
    tenantId,
    id: randomUUID(),
    name: `Company ${i}`,
    domain: `company${i}.example`,
    industry: INDUSTRIES[i % INDUSTRIES.length] as string,
    employees: Math.round(10 ** (1 + random() * 3)),
    country: i % 3 ? 'GB' : 'US',
  }));
  for (let i = 0; i < companies.length; i += 5000)
    await db.prisma.company.createMany({ data: companies.slice(i, i + 5000) });
  for (let start = 0; start < LEADS; start += 5000) {
    const leads = [];
    const activities = [];
    for (let i = start; i < Math.min(LEADS, start + 5000); i += 1) {
      const company = companies[i % companies.length]!;
      const createdAt = new Date(now - random() * 540 * DAY);
      const source = SOURCES[Math.floor(random() * SOURCES.length)]!;
      const title = TITLES[Math.floor(random() * TITLES.length)]!;
      const touches = Math.floor(random() * 6);
      const logit =
        -2.2 +
        Math.log10(company.employees) -
        2 +
        0.3 * touches +
        (source === 'Referral' ? 1 : 0) +
        (title.startsWith('VP') || title === 'CEO' ? 0.6 : 0);
      const converted = random() < 1 / (1 + Math.exp(-logit));
      const id = randomUUID();
      leads.push({
        tenantId,
        id,
        crmId: `00Q${String(i).padStart(15, '0')}`,
        lastName: `Lead ${i}`,
        email: `lead${i}@${company.domain}`,
        title,
        source,
        companyId: company.id,
        companyName: company.name,
        createdAt,
        convertedAt: converted ? new Date(createdAt.getTime() + (5 + random() * 60) * DAY) : null,
      });
      for (let k = 0; k < touches; k += 1)
        activities.push({
          tenantId,
          id: randomUUID(),
          leadId: id,
          type: k % 3 ? 'email' : 'call',
          direction: k % 4 ? 'outbound' : 'inbound',
          occurredAt: new Date(createdAt.getTime() + (k + 1) * 2 * DAY),
        });
    }
    await db.prisma.lead.createMany({ data: leads });
    await db.prisma.activity.createMany({ data: activities });
  }
}

export async function scoringBench(): Promise<void> {
  console.log('scoring: model');
  modelFigures();

  const service = await benchService();
  const { db, scoring, tenantId, headers, where } = service;
  console.log(`scoring: a tenant of ${LEADS.toLocaleString('en-US')} leads on ${where}`);
  try {
    const seedStart = performance.now();
    await seedTenant(db, tenantId);
    console.log(`  seeded in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);
    const tenant = new TenantDb(db.prisma, tenantId, 'bench');

    const trainStart = performance.now();
    const train = await withPeakMemory(() => trainFromCrm(tenant, { now: new Date() }));
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
    const rescoreStart = performance.now();
    const rescore = await withPeakMemory(() => scoring.rescoreAll.handler({}, progress));
    const rescoreMs = performance.now() - rescoreStart;
    console.log(
      `  rescore-all: ${(rescore.value as { scored: number }).scored.toLocaleString('en-US')} leads in ${(rescoreMs / 1000).toFixed(1)} s (${Math.round(LEADS / (rescoreMs / 1000)).toLocaleString('en-US')} leads/s), peak rss ${mib(rescore.peak)}`,
    );

    const { base, stop } = await service.serve();
    const ids = (await db.prisma.lead.findMany({ where: { tenantId }, select: { id: true }, take: 5000 })).map(
      (l) => l.id,
    );
    const one = (i: number) =>
      fetch(`${base}/v1/scores`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ leadIds: [ids[i % ids.length]], store: false }),
      }).then((r) => r.json());
    for (let i = 0; i < 50; i += 1) await one(i);
    // Open loop: requests start on schedule whether or not earlier ones have finished, as real clients do.
    const rate = 200;
    const seconds = 10;
    const latencies: number[] = [];
    const started = performance.now();
    const inFlight: Promise<void>[] = [];
    for (let i = 0; i < rate * seconds; i += 1) {
      const due = started + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const sent = performance.now();
      inFlight.push(one(i).then(() => void latencies.push(performance.now() - sent)));
    }
    await Promise.all(inFlight);
    const achieved = latencies.length / ((performance.now() - started) / 1000);
    console.log(
      `  POST /v1/scores, one lead, at ${rate} req/s for ${seconds} s (achieved ${achieved.toFixed(0)} req/s): p50 ${ms(percentile(latencies, 50))}, p99 ${ms(percentile(latencies, 99))}, max ${ms(Math.max(...latencies))}`,
    );
    stop();
  } finally {
    await service.close();
  }
}
