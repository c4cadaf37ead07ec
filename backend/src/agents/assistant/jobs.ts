import { z } from 'zod';
import type { CallSummary } from '@sdr/shared';
import type { Clock } from '../../clock.ts';
import type { PrismaClient, Prisma } from '../../db/generated/client.ts';
import { TenantDb } from '../../db/tenant-db.ts';
import type { JobDefinition } from '../../jobs/queue.ts';
import { openCrm, type CrmContext } from '../../integrations/crm/crm-access.ts';
import type { CrmObject } from '../../integrations/crm/port.ts';

const DAY_MS = 86_400_000;

/**
 * After a call ends: it becomes a touch on the lead (so "no touch for a while" stops counting), the lead is scored
 * again (the call's objections and competitors feed Risk), and the summary is logged in the CRM as a note, with a
 * follow-up task when next steps were agreed. Each part is recorded as done on the call, so a retried job repeats
 * nothing; without a CRM connected the CRM part is simply skipped.
 */
export function assistantJobs(deps: {
  prisma: PrismaClient;
  clock: Clock;
  crm: CrmContext | null;
  leadsChanged: (tenantId: string, leadIds: string[]) => Promise<void>;
}) {
  const afterCall = {
    name: 'calls.after-call',
    payload: z.object({ callId: z.string().min(1) }),
    order: 'parallel',
    retryLimit: 5,
    retryDelay: 30,
    handler: async ({ callId }, context) => {
      const tenant = new TenantDb(deps.prisma, context.tenantId, 'assistant');
      const call = await tenant.client.call.findFirst({ where: { id: callId } });
      if (!call || call.status !== 'ended' || !call.leadId) return { skipped: 'no ended call with a lead' };
      const summary = call.summary as CallSummary | null;
      const lead = await tenant.client.lead.findFirst({
        where: { id: call.leadId },
        select: { id: true, crmId: true, crmType: true },
      });
      if (!lead) return { skipped: 'the lead is gone' };

      // The touch's id is the call's, so a retry finds it instead of adding another.
      const touch = `call-${call.id}`;
      await tenant.write((tx) =>
        tx.activity.upsert({
          where: { tenantId_id: { tenantId: tenant.tenantId, id: touch } },
          create: {
            id: touch,
            leadId: lead.id,
            type: 'call',
            direction: 'outbound',
            subject: summary?.text.slice(0, 300) ?? 'Call',
            outcome:
              summary && summary.objections.length > 0
                ? `Objections: ${summary.objections.join('; ')}`.slice(0, 500)
                : 'Connected',
            occurredAt: call.startedAt,
          } as Prisma.ActivityUncheckedCreateInput,
          update: {},
        }),
      );
      await deps.leadsChanged(tenant.tenantId, [lead.id]);

      if (call.loggedAt || !deps.crm || !lead.crmId || !summary)
        return { touch, crm: call.loggedAt ? 'already logged' : 'skipped' };
      const crm = await openCrm(tenant, deps.crm);
      if (!crm) return { touch, crm: 'no CRM connected' };
      const object: CrmObject = lead.crmType === 'contact' ? 'contact' : 'lead';
      const noteId =
        call.crmNoteId ??
        (await crm.port.createNote({ object, crmId: lead.crmId, subject: 'Call summary', body: noteBody(summary) }));
      await tenant.write((tx) =>
        tx.call.update({
          where: { tenantId_id: { tenantId: tenant.tenantId, id: call.id } },
          data: { crmNoteId: noteId },
        }),
      );
      let taskId = call.crmTaskId;
      if (!taskId && summary.nextSteps.length > 0) {
        const owner = call.userId
          ? await tenant.client.user.findFirst({ where: { id: call.userId }, select: { crmUserId: true } })
          : null;
        taskId = await crm.port.createTask({
          object,
          crmId: lead.crmId,
          subject: `Follow up: ${summary.nextSteps[0]}`.slice(0, 255),
          body: summary.nextSteps.map((step) => `- ${step}`).join('\n'),
          dueAt: new Date((call.endedAt ?? deps.clock.now()).getTime() + DAY_MS),
          ...(owner?.crmUserId ? { ownerCrmId: owner.crmUserId } : {}),
        });
      }
      await tenant.write((tx) =>
        tx.call.update({
          where: { tenantId_id: { tenantId: tenant.tenantId, id: call.id } },
          data: { crmTaskId: taskId, loggedAt: deps.clock.now() },
        }),
      );
      return { touch, crm: { noteId, taskId } };
    },
  } satisfies JobDefinition<z.ZodObject<{ callId: z.ZodString }>>;
  return { afterCall };
}

export type AssistantJobs = ReturnType<typeof assistantJobs>;

function noteBody(summary: CallSummary): string {
  const lines = [summary.text];
  if (summary.objections.length > 0) lines.push('', 'Objections:', ...summary.objections.map((o) => `- ${o}`));
  if (summary.nextSteps.length > 0) lines.push('', 'Next steps:', ...summary.nextSteps.map((s) => `- ${s}`));
  if (summary.repTalkRatio !== null) lines.push('', `Rep talk time: ${Math.round(summary.repTalkRatio * 100)}%`);
  return lines.join('\n');
}
