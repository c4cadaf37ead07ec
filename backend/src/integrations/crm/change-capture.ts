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
import { readableFields, storeFetched } from './sync.ts';

/**
 * Keeps a Change Data Capture listener open for every connected Salesforce tenant, so a change in the org reaches
 * scoring within seconds instead of at the next sync. Connections are looked at again every minute: a new
 * connection starts listening, one that lost its authorisation stops. Each batch of events stores its records
 * first and its replay id after, in the connection row.
 */
export class ChangeCapture {
  private readonly listeners = new Map<string, ChangeListener>();
  private timer: NodeJS.Timeout | undefined;
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
    await this.refresh();
    this.timer = setInterval(() => {
      this.refresh().catch((error: unknown) => this.deps.logger.warn({ err: error }, 'change capture refresh failed'));
    }, intervalMs);
    this.timer.unref();
  }

  /** Starts listeners for connected Salesforce tenants that have none, and stops those no longer connected. */
  async refresh(): Promise<void> {
    const rows = await this.deps.prisma.crmConnection.findMany({
      where: { provider: 'salesforce', status: 'connected' },
      select: { tenantId: true },
    });
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

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await Promise.all([...this.listeners.values()].map((listener) => listener.stop()));
    this.listeners.clear();
  }
}
