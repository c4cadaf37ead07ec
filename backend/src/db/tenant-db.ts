import type { PrismaClient } from './generated/client.ts';
import { tenantScoped, type ScopedClient } from './tenant-scope.ts';

export type ScopedTransaction = Omit<ScopedClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

/**
 * A caller's view of the database: every query through `client` or `write` is confined to one tenant, and every
 * write inside `write` is attributed to `actor` in the audit log (the audit trigger reads `sdr.actor`).
 */
export class TenantDb {
  readonly tenantId: string;
  readonly actor: string;
  readonly client: ScopedClient;

  constructor(prisma: PrismaClient, tenantId: string, actor: string) {
    this.tenantId = tenantId;
    this.actor = actor;
    this.client = tenantScoped(prisma, tenantId);
  }

  /** The primary key of one of this tenant's records, for findUnique/update/delete. */
  key(id: string): { tenantId_id: { tenantId: string; id: string } } {
    return { tenantId_id: { tenantId: this.tenantId, id } };
  }

  /** Runs `work` in one transaction: all of it lands, or none of it. */
  write<T>(work: (tx: ScopedTransaction) => Promise<T>): Promise<T> {
    return this.client.$transaction(
      async (tx) => {
        await tx.$executeRaw`SELECT set_config('sdr.actor', ${this.actor}, true)`;
        return work(tx);
      },
      { maxWait: 10_000, timeout: 120_000 },
    );
  }
}
