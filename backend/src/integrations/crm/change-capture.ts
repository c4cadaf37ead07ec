import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { TenantSettings } from '@sdr/shared';
import type { PrismaClient } from '../../db/generated/client.ts';
import { TenantDb } from '../../db/tenant-db.ts';
import type { Logger } from '../../logger.ts';
import { readSettings } from '../../tenancy/settings.ts';
import { openCrm, type CrmContext } from './crm-access.ts';
import { effectiveMapping } from './field-mapping.ts';
import { ChangeListener, type ChangeBatch } from './salesforce/change-events.ts';
import { SalesforceCrm } from './salesforce/adapter.ts';
import type { CrmObject } from './port.ts';
import { readableFields, removeGone, storeFetched } from './sync.ts';

/**
 * Keeps a Change Data Capture listener open for every connected Salesforce tenant, so a change in the org reaches
 * scoring within seconds instead of at the next sync. Connections are looked at again every minute: a new
 * connection starts listening, one that lost its authorisation stops. Each batch of events stores its records
 * first and its replay id after, in the connection row.
 *
 * With several replicas, each org is listened to by one of them: the replica holds a lease on the connection row
 * and renews it every minute. A replica that stops releases its leases; one that dies loses them when they run
 * out, and another picks the org up from the stored replay ids, so no event is lost in the hand-over.
 */
export class ChangeCapture {
  private readonly listeners = new Map<string, ChangeListener>();
  private timer: NodeJS.Timeout | undefined;
  /** Who holds the leases this instance takes. */
  readonly holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private leaseSeconds = 150;
  private readonly deps: {
    prisma: PrismaClient;
    context: CrmContext;
    logger: Logger;
    leadsChanged: (tenantId: string, leadIds: string[]) => Promise<void>;
    gatherMs?: number;
  };

  constructor(deps: ChangeCapture['deps']) {
    this.deps = deps;
  }

  async start(intervalMs = 60_000): Promise<void> {
    // Two missed renewals before another replica may take over.
    this.leaseSeconds = Math.ceil((intervalMs * 2.5) / 1000);
    await this.refresh();
    this.timer = setInterval(() => {
      this.refresh().catch((error: unknown) => this.deps.logger.warn({ err: error }, 'change capture refresh failed'));
    }, intervalMs);
    this.timer.unref();
  }

  /**
   * Renews this instance's leases and takes the free ones, then starts listeners for the orgs it holds and stops
   * those it no longer holds (disconnected, or taken over after this instance stalled).
   */
  async refresh(): Promise<void> {
    const rows = await this.deps.prisma.$queryRaw<{ tenantId: string }[]>`
      UPDATE "CrmConnection"
         SET "listenerId" = ${this.holder},
             "listenerLeaseUntil" = (now() AT TIME ZONE 'UTC') + make_interval(secs => ${this.leaseSeconds})
       WHERE "provider" = 'salesforce' AND "status" = 'connected'
         AND ("listenerId" IS NULL OR "listenerId" = ${this.holder}
              OR "listenerLeaseUntil" IS NULL OR "listenerLeaseUntil" < (now() AT TIME ZONE 'UTC'))
      RETURNING "tenantId"`;
    const wanted = new Set(rows.map((row) => row.tenantId));
    for (const [tenantId, listener] of this.listeners)
      if (!wanted.has(tenantId)) {
        this.listeners.delete(tenantId);
        await listener.stop();
      }
    for (const tenantId of wanted) if (!this.listeners.has(tenantId)) await this.listen(tenantId);
  }

  private async listen(tenantId: string): Promise<void> {
    const tenant = new TenantDb(this.deps.prisma, tenantId, 'crm-change-events');
    const crm = await openCrm(tenant, this.deps.context);
    if (!crm || !(crm.port instanceof SalesforceCrm)) return;
    const port = crm.port;
    // Batches come every half second while a mass update runs: the org's fields are described once a minute
    // (or when the settings change), not once per batch.
    const described = new Map<CrmObject, { fields: string[]; at: number; settings: string }>();
    const fields = async (object: CrmObject, settings: TenantSettings) => {
      const key = JSON.stringify(settings);
      const known = described.get(object);
      if (known && known.settings === key && Date.now() - known.at < 60_000) return known.fields;
      const mapping = effectiveMapping('salesforce', settings);
      const fresh = await readableFields(port, object, { settings, mapping });
      described.set(object, { fields: fresh, at: Date.now(), settings: key });
      return fresh;
    };
    const listener = new ChangeListener(port.session, {
      ...(this.deps.gatherMs ? { gatherMs: this.deps.gatherMs } : {}),
      handle: async (batch: ChangeBatch) => {
        if (batch.recordIds.length > 0) {
          const settings = await readSettings(tenant.client);
          const mapping = effectiveMapping('salesforce', settings);
          const records = await port.getRecords(batch.object, batch.recordIds, await fields(batch.object, settings));
          const changed = await storeFetched(tenant, batch.object, records, { settings, mapping });
          if (changed.length) await this.deps.leadsChanged(tenantId, changed);
        }
        if (batch.deletedIds.length > 0) {
          const affected = await removeGone(tenant, batch.object, batch.deletedIds);
          if (affected.length) await this.deps.leadsChanged(tenantId, affected);
        }
        await tenant.client.$executeRaw`
          UPDATE "CrmConnection"
             SET "replayIds" = "replayIds" || jsonb_build_object(${batch.channel}::text, ${batch.lastReplayId}::bigint)
           WHERE "tenantId" = ${tenantId}`;
      },
      onError: (error) => this.deps.logger.warn({ err: error, tenantId }, 'change events not stored'),
      onAuthFailure: (message) => {
        this.deps.logger.warn({ tenantId, message }, 'change events stopped');
        const stopped = this.listeners.get(tenantId);
        this.listeners.delete(tenantId);
        void stopped?.stop();
      },
    });
    this.listeners.set(tenantId, listener);
    try {
      await listener.start(crm.connection.replayIds);
    } catch (error) {
      this.listeners.delete(tenantId);
      await listener.stop();
      this.deps.logger.warn({ err: error, tenantId }, 'could not subscribe to change events');
    }
  }

  listening(): string[] {
    return [...this.listeners.keys()];
  }

  /** Stops listening and hands the leases back, so another replica takes over at its next refresh. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await Promise.all([...this.listeners.values()].map((listener) => listener.stop()));
    this.listeners.clear();
    await this.deps.prisma.$executeRaw`
      UPDATE "CrmConnection" SET "listenerId" = NULL, "listenerLeaseUntil" = NULL WHERE "listenerId" = ${this.holder}`;
  }
}
