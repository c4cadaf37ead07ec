import type { PrismaClient } from '../../db/generated/client.ts';
import type { DemoData } from './build-demo-data.ts';

export async function writeDemoData(prisma: PrismaClient, data: DemoData): Promise<void> {
  await prisma.$transaction(
    async (tx) => {
      // The audit trail attributes every row below to the seed rather than to an anonymous system write.
      await tx.$executeRaw`SELECT set_config('sdr.actor', 'seed', true)`;
      await tx.tenant.create({ data: data.tenant });
      // Parents before children: foreign keys are checked row by row.
      await tx.user.createMany({ data: data.users });
      await tx.company.createMany({ data: data.companies });
      await tx.lead.createMany({ data: data.leads });
      await tx.activity.createMany({ data: data.activities });
      await tx.opportunity.createMany({ data: data.opportunities });
      await tx.competitor.createMany({ data: data.competitors });
      await tx.battlecard.createMany({ data: data.battlecards });
      await tx.routingRuleSet.createMany({ data: data.ruleSets });
      await tx.call.createMany({ data: data.calls });
      await tx.transcriptSegment.createMany({ data: data.segments });
      await tx.suggestion.createMany({ data: data.suggestions });
    },
    { maxWait: 10_000, timeout: 120_000 },
  );
}
