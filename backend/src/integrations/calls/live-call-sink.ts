import { TenantDb } from '../../db/tenant-db.ts';
import type { PrismaClient } from '../../db/generated/client.ts';
import type { AssistantAgent } from '../../agents/assistant/setup.ts';
import type { CallSink, PlatformAccounts } from './call-sink.ts';

/** The platforms' way into the live-call assistant: the same path as the REST and WebSocket APIs. */
export function liveCallSink(deps: { prisma: PrismaClient; assistant: AssistantAgent }): CallSink {
  const tenant = (tenantId: string) => new TenantDb(deps.prisma, tenantId, 'call-platform');
  return {
    async start(tenantId, input) {
      const { call } = await deps.assistant.liveCalls.start(
        tenant(tenantId),
        {
          platform: input.platform,
          externalId: input.externalId,
          ...(input.startedAt ? { startedAt: input.startedAt } : {}),
          ...(input.leadId ? { leadId: input.leadId } : {}),
          ...(input.userId ? { userId: input.userId } : {}),
        },
        null,
      );
      return { callId: call.id, status: call.status };
    },
    async segments(tenantId, callId, segments) {
      for (let start = 0; start < segments.length; start += 500)
        await deps.assistant.liveCalls.ingest(tenant(tenantId), callId, segments.slice(start, start + 500));
    },
    async end(tenantId, callId, endedAt) {
      await deps.assistant.endCall(tenant(tenantId), callId, endedAt ? new Date(endedAt) : null);
    },
  };
}

/** The tenant whose admin registered the platform account (a Zoom account, a Microsoft Entra tenant). */
export function platformAccounts(prisma: PrismaClient): PlatformAccounts {
  return {
    async tenantFor(platform, accountId) {
      const row = await prisma.tenant.findFirst({
        where: platform === 'zoom' ? { zoomAccountId: accountId } : { entraTenantId: accountId },
        select: { id: true },
      });
      return row?.id ?? null;
    },
  };
}
