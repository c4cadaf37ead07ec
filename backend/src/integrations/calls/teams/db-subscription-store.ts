import type { PrismaClient } from '../../../db/generated/client.ts';
import type { SecretBox } from '../../../security/secret-box.ts';
import type { SubscriptionStore, TeamsSubscriptionRecord } from './subscriptions.ts';

/**
 * Teams subscriptions in the database. A notification names its subscription, not our tenant, so subscriptions
 * are looked up by id across tenants (a handful per tenant); delivered transcripts are found through the Entra
 * tenant their key names, which maps to one tenant. The clientState is sealed at rest like CRM tokens.
 */
export function dbSubscriptionStore(prisma: PrismaClient, box: SecretBox): SubscriptionStore {
  type Row = Awaited<ReturnType<typeof prisma.teamsSubscription.findFirst>> & object;
  const record = (row: Row): TeamsSubscriptionRecord => ({
    subscriptionId: row.id,
    entraTenantId: row.entraTenantId,
    clientState: box.open(row.clientState),
    resource: row.resource,
    notificationUrl: row.notificationUrl,
    lifecycleNotificationUrl: row.lifecycleNotificationUrl,
    expirationDateTime: row.expiresAt.toISOString(),
    organizerUserId: row.organizerUserId,
    createdAt: row.createdAt.toISOString(),
    lastTranscriptAt: row.lastTranscriptAt?.toISOString() ?? null,
  });
  const tenantOf = async (entraTenantId: string) =>
    (await prisma.tenant.findFirst({ where: { entraTenantId: entraTenantId.toLowerCase() }, select: { id: true } }))
      ?.id ?? null;
  const entraOf = (key: string) => key.split(':')[1] ?? '';

  return {
    async get(subscriptionId) {
      const row = await prisma.teamsSubscription.findFirst({ where: { id: subscriptionId } });
      return row ? record(row) : null;
    },
    async add(subscription) {
      const tenantId = await tenantOf(subscription.entraTenantId);
      if (!tenantId) throw new Error('No workspace has registered this Microsoft Entra tenant');
      await prisma.teamsSubscription.create({
        data: {
          tenantId,
          id: subscription.subscriptionId,
          entraTenantId: subscription.entraTenantId.toLowerCase(),
          clientState: box.seal(subscription.clientState),
          resource: subscription.resource,
          notificationUrl: subscription.notificationUrl,
          lifecycleNotificationUrl: subscription.lifecycleNotificationUrl,
          expiresAt: new Date(subscription.expirationDateTime),
          organizerUserId: subscription.organizerUserId,
          lastTranscriptAt: subscription.lastTranscriptAt ? new Date(subscription.lastTranscriptAt) : null,
        },
      });
    },
    async renewed(subscriptionId, expirationDateTime) {
      await prisma.teamsSubscription.updateMany({
        where: { id: subscriptionId },
        data: { expiresAt: new Date(expirationDateTime) },
      });
    },
    async remove(subscriptionId) {
      await prisma.teamsSubscription.deleteMany({ where: { id: subscriptionId } });
    },
    async expiringBefore(at) {
      const rows = await prisma.teamsSubscription.findMany({ where: { expiresAt: { lt: new Date(at) } } });
      return rows.map(record);
    },
    async wasDelivered(key) {
      const tenantId = await tenantOf(entraOf(key));
      return tenantId !== null && (await prisma.teamsTranscript.count({ where: { tenantId, key } })) > 0;
    },
    async delivered(key, subscriptionId, createdDateTime) {
      const tenantId = await tenantOf(entraOf(key));
      if (!tenantId) return;
      await prisma.teamsTranscript.createMany({ data: [{ tenantId, key, subscriptionId }], skipDuplicates: true });
      if (createdDateTime)
        // Only forward: notifications are handled concurrently, and an older transcript must not move it back.
        await prisma.$executeRaw`
          UPDATE "TeamsSubscription" SET "lastTranscriptAt" = (${createdDateTime}::timestamptz AT TIME ZONE 'UTC')
           WHERE "tenantId" = ${tenantId} AND "id" = ${subscriptionId}
             AND ("lastTranscriptAt" IS NULL
                  OR "lastTranscriptAt" < (${createdDateTime}::timestamptz AT TIME ZONE 'UTC'))`;
    },
  };
}
