import { ms, percentile } from './figures.ts';
import { benchService } from './service.ts';

/**
 * Speed to score: how long after a lead is changed through the API its new score is stored, with the job workers
 * running as in production (the queue is polled twice a second).
 */
export async function freshnessBench(): Promise<void> {
  const service = await benchService({ workers: true });
  const { base, stop } = await service.serve();
  const { headers, db, tenantId } = service;
  try {
    const leads = Array.from({ length: 50 }, (_, i) => ({
      crmId: `00QFRESH${i}`,
      lastName: `Fresh ${i}`,
      title: 'VP Operations',
    }));
    const created = (await (
      await fetch(`${base}/v1/leads`, { method: 'PUT', headers, body: JSON.stringify(leads) })
    ).json()) as {
      data: { id: string }[];
    };
    const delays: number[] = [];
    for (const [i, lead] of created.data.entries()) {
      const before = await db.prisma.score.count({ where: { tenantId, leadId: lead.id } });
      const changed = performance.now();
      await fetch(`${base}/v1/leads/${lead.id}`, {
        method: 'PATCH',
        headers,
        body: JSON.stringify({ title: i % 2 ? 'CEO' : 'Intern' }),
      });
      while ((await db.prisma.score.count({ where: { tenantId, leadId: lead.id } })) <= before)
        await new Promise((resolve) => setTimeout(resolve, 10));
      delays.push(performance.now() - changed);
    }
    console.log(
      `freshness on ${service.where}: change → new score stored, ${delays.length} leads changed one at a time`,
    );
    console.log(
      `  p50 ${ms(percentile(delays, 50))}, p95 ${ms(percentile(delays, 95))}, max ${ms(Math.max(...delays))}`,
    );
  } finally {
    await stop();
    await service.close();
  }
}
