import { z } from 'zod';
import type { Clock } from '../../clock.ts';
import type { PrismaClient } from '../../db/generated/client.ts';
import { TenantDb } from '../../db/tenant-db.ts';
import type { JobDefinition } from '../../jobs/queue.ts';
import { readSettings } from '../../tenancy/settings.ts';
import { setStatus } from './connections.ts';
import { openCrm, type CrmContext } from './crm-access.ts';
import { effectiveMapping } from './field-mapping.ts';
import { CrmAuthError, CrmDailyLimitError, type CrmObject, type CrmPort } from './port.ts';
import { readableFields, removeGone, storeFetched, syncChanges } from './sync.ts';
import { drainWriteBacks } from './write-back.ts';

const ACTOR = 'crm-sync';

export interface CrmJobDeps {
  prisma: PrismaClient;
  context: CrmContext;
  clock: Clock;
  /** Hands changed leads to scoring (and, later, routing). */
  leadsChanged: (tenantId: string, leadIds: string[]) => Promise<void>;
}

/**
 * Runs CRM work and turns the two ways a CRM says "stop" into the connection's status instead of retries: refused
 * credentials (an admin must reconnect) and a spent daily allowance (wait). Nothing is lost either way: cursors and
 * pending write-backs stay where they were.
 */
async function withCrm<T>(
  deps: CrmJobDeps,
  tenant: TenantDb,
  work: (crm: NonNullable<Awaited<ReturnType<typeof openCrm>>>) => Promise<T>,
): Promise<T | { skipped: string }> {
  const crm = await openCrm(tenant, deps.context);
  if (!crm) return { skipped: 'no CRM connected' };
  if (crm.connection.status === 'reauthorization_required')
    return { skipped: crm.connection.statusMessage ?? 'the CRM connection needs to be authorised again' };
  try {
    const result = await work(crm);
    if (crm.connection.status !== 'connected') await setStatus(tenant, 'connected', null);
    const usage = crm.port.apiUsage();
    if (usage) await tenant.client.crmConnection.updateMany({ data: { apiUsage: { ...usage } } });
    return result;
  } catch (error) {
    if (error instanceof CrmAuthError) {
      await setStatus(tenant, 'reauthorization_required', error.message);
      return { skipped: error.message };
    }
    if (error instanceof CrmDailyLimitError) {
      await setStatus(tenant, 'paused', error.message);
      return { skipped: error.message };
    }
    await setStatus(tenant, 'error', `The last sync failed: ${(error as Error).message}`.slice(0, 500));
    throw error;
  }
}

export function crmJobs(deps: CrmJobDeps) {
  const writeBack = {
    name: 'crm.write-back',
    payload: z.object({}),
    order: 'ordered',
    retryLimit: 5,
    retryDelay: 5,
    handler: async (_payload, context) => {
      const tenant = new TenantDb(deps.prisma, context.tenantId, ACTOR);
      return withCrm(deps, tenant, async ({ port, connection }) => {
        const settings = await readSettings(tenant.client);
        const outcome = await drainWriteBacks(tenant, port, effectiveMapping(connection.provider, settings));
        if (outcome.stoppedBy === 'auth') throw new CrmAuthError(outcome.message ?? 'refused');
        if (outcome.stoppedBy === 'daily_limit') throw new CrmDailyLimitError(outcome.message ?? 'limit');
        return { sent: outcome.sent, failed: outcome.failed };
      });
    },
  } satisfies JobDefinition<z.ZodObject<Record<string, never>>>;

  const sync = {
    name: 'crm.sync',
    payload: z.object({}),
    order: 'ordered',
    expireInSeconds: 6 * 3600,
    retryLimit: 3,
    retryDelay: 30,
    handler: async (_payload, context) => {
      const tenant = new TenantDb(deps.prisma, context.tenantId, ACTOR);
      return withCrm(deps, tenant, async ({ port, connection }) => {
        const settings = await readSettings(tenant.client);
        const mapping = effectiveMapping(connection.provider, settings);
        const summary = await syncChanges(tenant, port, {
          settings,
          mapping,
          cursors: { ...connection.cursors },
          now: deps.clock.now(),
          signal: context.signal,
          onLeadsChanged: (ids) => deps.leadsChanged(context.tenantId, ids),
          onProgress: (done, message) => context.reportProgress({ done, total: null, message }),
        });
        const now = deps.clock.now();
        await tenant.client.crmConnection.updateMany({
          data: { lastSyncAt: now, ...(connection.backfilledAt ? {} : { backfilledAt: now }) },
        });
        const sent = await drainWriteBacks(tenant, port, mapping);
        if (sent.stoppedBy === 'auth') throw new CrmAuthError(sent.message ?? 'refused');
        if (sent.stoppedBy === 'daily_limit') throw new CrmDailyLimitError(sent.message ?? 'limit');
        return { ...summary, writeBacks: { sent: sent.sent, failed: sent.failed } };
      });
    },
  } satisfies JobDefinition<z.ZodObject<Record<string, never>>>;

  /**
   * Webhook events are stored first (idempotently, by the provider's event id) and worked here: the records they
   * name are fetched and stored as the sync would. An event is claimed before its record is fetched, so a retried
   * delivery or a second worker never processes it twice.
   */
  const webhookEvents = {
    name: 'crm.webhook-events',
    payload: z.object({}),
    order: 'ordered',
    retryLimit: 5,
    retryDelay: 5,
    handler: async (_payload, context) => {
      const tenant = new TenantDb(deps.prisma, context.tenantId, ACTOR);
      return withCrm(deps, tenant, async ({ port, connection }) => {
        const claimed = await tenant.client.$queryRaw<{ id: string; payload: WebhookPayload }[]>`
          UPDATE "WebhookEvent" SET "status" = 'processing'
           WHERE "tenantId" = ${tenant.tenantId} AND "id" IN (
             SELECT "id" FROM "WebhookEvent" WHERE "tenantId" = ${tenant.tenantId} AND "status" = 'received'
              ORDER BY "receivedAt" LIMIT 1000 FOR UPDATE SKIP LOCKED)
          RETURNING "id", "payload"`;
        if (claimed.length === 0) return { events: 0, records: 0 };
        const ids = claimed.map((event) => event.id);
        try {
          const stored = await processEvents(
            tenant,
            port,
            connection.provider,
            claimed.map((event) => event.payload),
          );
          await tenant.client.webhookEvent.updateMany({
            where: { id: { in: ids } },
            data: { status: 'processed', processedAt: deps.clock.now() },
          });
          return { events: claimed.length, records: stored };
        } catch (error) {
          // Handed back for the retry of this job.
          await tenant.client.webhookEvent.updateMany({ where: { id: { in: ids } }, data: { status: 'received' } });
          throw error;
        }
      });
    },
  } satisfies JobDefinition<z.ZodObject<Record<string, never>>>;

  async function processEvents(
    tenant: TenantDb,
    port: CrmPort,
    provider: 'salesforce' | 'hubspot',
    events: WebhookPayload[],
  ): Promise<number> {
    const settings = await readSettings(tenant.client);
    const mapping = effectiveMapping(provider, settings);
    const fetch = new Map<CrmObject, Set<string>>();
    const gone = new Map<CrmObject, Set<string>>();
    const add = (to: Map<CrmObject, Set<string>>, object: CrmObject, id: string | number) =>
      to.set(object, (to.get(object) ?? new Set()).add(String(id)));
    for (const event of events) {
      const object = webhookObject(event);
      if (!object || event.objectId === undefined || !mapping.objects[object]) continue;
      const kind = event.subscriptionType.split('.').at(-1);
      if (kind === 'deletion' || kind === 'privacyDeletion') add(gone, object, event.objectId);
      else if (kind === 'merge') {
        // The merged-away records are gone; the surviving one (a new id for contacts) holds their data now.
        const survivor = String(event.newObjectId ?? event.primaryObjectId ?? event.objectId);
        for (const id of event.mergedObjectIds ?? []) if (String(id) !== survivor) add(gone, object, id);
        add(fetch, object, survivor);
      } else add(fetch, object, event.objectId);
    }
    let stored = 0;
    for (const object of ['company', 'contact', 'deal'] as const) {
      const ids = [...(fetch.get(object) ?? [])].filter((id) => !gone.get(object)?.has(id));
      if (ids.length > 0) {
        const fields = await readableFields(port, object, { settings, mapping });
        const records = await port.getRecords(object, ids, fields);
        const changed = await storeFetched(tenant, object, records, { settings, mapping });
        stored += records.length;
        if (changed.length) await deps.leadsChanged(tenant.tenantId, changed);
      }
      const removed = [...(gone.get(object) ?? [])];
      if (removed.length > 0) {
        const affected = await removeGone(tenant, object, removed);
        stored += removed.length;
        if (affected.length) await deps.leadsChanged(tenant.tenantId, affected);
      }
    }
    return stored;
  }

  return { sync, writeBack, webhookEvents };
}

export type CrmJobs = ReturnType<typeof crmJobs>;

interface WebhookPayload {
  subscriptionType: string;
  objectId?: number;
  objectTypeId?: string;
  mergedObjectIds?: number[];
  primaryObjectId?: number;
  newObjectId?: number;
}

const OBJECT_TYPE_IDS: Record<string, CrmObject> = { '0-1': 'contact', '0-2': 'company', '0-3': 'deal' };

/** `contact.propertyChange` (legacy) or `object.propertyChange` with objectTypeId 0-1 (current) → contact. */
function webhookObject(event: WebhookPayload): CrmObject | null {
  const prefix = event.subscriptionType.split('.')[0];
  if (prefix === 'object') return OBJECT_TYPE_IDS[event.objectTypeId ?? ''] ?? null;
  return prefix === 'contact' ? 'contact' : prefix === 'company' ? 'company' : prefix === 'deal' ? 'deal' : null;
}
