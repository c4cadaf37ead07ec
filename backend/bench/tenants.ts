import { createTenant } from '../src/tenancy/tenants.ts';
import { TENANTS_CACHED } from '../src/tenancy/tenant-cache.ts';
import { mib, ms, percentile } from './figures.ts';
import { benchService } from './service.ts';

const TENANTS = Number(process.env.BENCH_TENANTS ?? 1000);

/**
 * Many tenants in one service: each gets an API key, a few leads and a scored lead (which builds its scorer), and
 * the process's memory is read as the tenants add up. Per-tenant state is cached for the recently used tenants
 * only (TENANTS_CACHED), so memory must level off rather than grow with every tenant.
 */
export async function tenantsBench(): Promise<void> {
  const service = await benchService();
  const { base, stop } = await service.serve();
  console.log(`tenants: ${TENANTS.toLocaleString('en-US')} tenants in one service on ${service.where}`);
  try {
    const perTenant: number[] = [];
    const rss: { tenants: number; mib: number }[] = [];
    for (let i = 0; i < TENANTS; i += 1) {
      const started = performance.now();
      const { apiKey } = await createTenant(service.db.prisma, {
        crm: 'hubspot',
        externalId: String(7e8 + (Date.now() % 1e7) * 10 + i),
        name: `Tenant ${i}`,
      });
      const headers = { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json' };
      const leads = Array.from({ length: 5 }, (_, k) => ({
        crmId: `00Q${i}-${k}`,
        lastName: `Lead ${k}`,
        title: k % 2 ? 'VP Operations' : 'Coordinator',
        source: 'Webinar',
      }));
      const upserted = await fetch(`${base}/v1/leads`, { method: 'PUT', headers, body: JSON.stringify(leads) });
      const { data } = (await upserted.json()) as { data: { id: string }[] };
      const scored = await fetch(`${base}/v1/scores`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ leadIds: [data[0]!.id], store: false }),
      });
      if (!scored.ok) throw new Error(`tenant ${i}: ${scored.status} ${await scored.text()}`);
      await scored.json();
      perTenant.push(performance.now() - started);
      if ((i + 1) % Math.max(1, TENANTS / 5) === 0) {
        globalThis.gc?.();
        rss.push({ tenants: i + 1, mib: process.memoryUsage().rss / 2 ** 20 });
      }
    }
    console.log(
      `  per tenant (key, 5 leads, one score): p50 ${ms(percentile(perTenant, 50))}, p95 ${ms(percentile(perTenant, 95))}`,
    );
    console.log(
      `  RSS as tenants add up (per-tenant caches keep ${TENANTS_CACHED}): ` +
        rss.map((r) => `${r.tenants.toLocaleString('en-US')}: ${r.mib.toFixed(0)} MiB`).join(', '),
    );
    console.log(`  final RSS ${mib(process.memoryUsage().rss)}, heap ${mib(process.memoryUsage().heapUsed)}`);
  } finally {
    await stop();
    await service.close();
  }
}
