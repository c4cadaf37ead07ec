import { benchService } from './service.ts';
import { copyIn, copyOut } from './copy-reference.ts';
import { ms, percentile } from './figures.ts';
import { profiled } from './profile.ts';

export interface LeadsFigures {
  insertUsPerLead: number;
  updateUsPerLead: number;
  readP50Ms: number;
}

/** The leads API under a batch write and read load: `batches` batches of 1,000 new leads, then reads. */
export async function leadsBench(options: { batches?: number } = {}): Promise<LeadsFigures> {
  const service = await benchService();
  const { headers } = service;
  const { base, stop } = await service.serve();
  try {
    const batches = options.batches ?? 10;
    const size = 1000;
    const batchTimes: number[] = [];
    let firstIds: string[] = [];
    const beforeInserts = await service.transactions();
    await profiled('lead-inserts', batches * size, async () => {
      for (let b = 0; b < batches; b += 1) {
        const body = Array.from({ length: size }, (_, i) => ({
          crmId: `00QBENCH${b}${String(i).padStart(6, '0')}`,
          firstName: 'Lead',
          lastName: `Number ${b * size + i}`,
          email: `lead${b * size + i}@example.com`,
          title: i % 5 === 0 ? 'VP Operations' : 'Fleet Manager',
          source: ['Webinar', 'Website', 'Referral'][i % 3],
          country: i % 2 ? 'GB' : 'US',
        }));
        const start = performance.now();
        const res = await fetch(`${base}/v1/leads`, { method: 'PUT', headers, body: JSON.stringify(body) });
        const json = (await res.json()) as { data: { id: string }[] };
        batchTimes.push(performance.now() - start);
        if (b === 0) firstIds = json.data.map((lead) => lead.id);
      }
    });
    const insertCommits = (await service.transactions()) - beforeInserts - 1;
    const total = batchTimes.reduce((a, b) => a + b, 0);
    const update = performance.now();
    await profiled('lead-updates', size, () =>
      fetch(`${base}/v1/leads`, {
        method: 'PUT',
        headers,
        body: JSON.stringify(
          Array.from({ length: size }, (_, i) => ({
            crmId: `00QBENCH0${String(i).padStart(6, '0')}`,
            lastName: `Renamed ${i}`,
          })),
        ),
      }),
    );
    const updateMs = performance.now() - update;

    const getTimes: number[] = [];
    for (let i = 0; i < 500; i += 1) {
      const start = performance.now();
      await (await fetch(`${base}/v1/leads/${firstIds[i % firstIds.length]}`, { headers })).json();
      getTimes.push(performance.now() - start);
    }
    const pageTimes: number[] = [];
    let cursor: string | null = null;
    let rows = 0;
    do {
      const start = performance.now();
      const url: string = `${base}/v1/leads?limit=200&sort=lastName${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await (await fetch(url, { headers })).json()) as { data: unknown[]; nextCursor: string | null };
      pageTimes.push(performance.now() - start);
      rows += page.data.length;
      cursor = page.nextCursor;
    } while (cursor);

    // The database's floor for the same rows: COPY of the stored leads into a scratch copy of the table (the server's
    // alone; PGlite's socket has no COPY).
    let copyRate: number | null = null;
    if (service.db.kind === 'postgres') {
      const rows = await copyOut(service.db.pool, `SELECT * FROM "Lead" WHERE "tenantId" = '${service.tenantId}'`);
      copyRate = (batches * size) / ((await copyIn(service.db.pool, 'Lead', '*', rows.data)) / 1000);
    }
    const share = (rate: number) => (copyRate ? `, ${((100 * rate) / copyRate).toFixed(0)} % of COPY` : '');
    const insertRate = (batches * size) / (total / 1000);
    const updateRate = size / (updateMs / 1000);
    const where = service.where;
    console.log(`leads API on ${where}`);
    console.log(
      `  insert  ${batches} x ${size} leads: ${insertRate.toFixed(0)} leads/s${share(insertRate)} ` +
        `(batch p50 ${ms(percentile(batchTimes, 50))}, max ${ms(Math.max(...batchTimes))}; ${insertCommits} commits)`,
    );
    console.log(`  update  1 x ${size} leads: ${ms(updateMs)} (${updateRate.toFixed(0)} leads/s${share(updateRate)})`);
    if (copyRate) console.log(`  COPY of the same rows: ${copyRate.toFixed(0)} leads/s`);
    console.log(`  GET /v1/leads/:id x 500: p50 ${ms(percentile(getTimes, 50))}, p95 ${ms(percentile(getTimes, 95))}`);
    console.log(
      `  GET /v1/leads pages of 200, ${rows} rows: p50 ${ms(percentile(pageTimes, 50))}, p95 ${ms(percentile(pageTimes, 95))}`,
    );
    console.log(
      `  memory: rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB, heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB`,
    );
    return {
      insertUsPerLead: (1000 * total) / (batches * size),
      updateUsPerLead: (1000 * updateMs) / size,
      readP50Ms: percentile(getTimes, 50),
    };
  } finally {
    await stop();
    await service.close();
  }
}
