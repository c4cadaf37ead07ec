import type { Reason, ScoredObject, ScoreField } from '@sdr/shared';
import type { Prisma } from '../../db/generated/client.ts';
import type { TenantDb } from '../../db/tenant-db.ts';
import { WRITE_BACK_GIVE_UP } from './connections.ts';
import type { CrmMapping } from './default-mapping.ts';
import { CrmAuthError, CrmDailyLimitError, type CrmObject, type CrmPort, type RecordUpdate } from './port.ts';

/**
 * Scores travel to the CRM through an outbox: scoring stores the suite's values (`ev`, `risk`, ...) for each
 * record, one pending row per record that a newer score replaces, and the drain below maps them to the tenant's
 * CRM fields when it sends them. So a mapping change applies to what is still waiting, an outage or a revoked
 * token loses nothing (rows wait and resume), and a record is written once per change, not once per rescore.
 */

export type ScoreValues = Record<ScoreField, string | number | null>;

const SIGN = { '+': '+', '-': '−' } as const;
const DIMENSION = { ev: 'EV', risk: 'Risk', urgency: 'Urgency' } as const;

/** The reasons as one text field: the CRM shows it as is, so it reads like the panel does. */
export function reasonsText(reasons: Pick<Reason, 'dimension' | 'label' | 'value' | 'direction'>[]): string {
  return (['ev', 'risk', 'urgency'] as const)
    .map((dimension) => {
      const lines = reasons
        .filter((reason) => reason.dimension === dimension)
        .map((reason) => `${SIGN[reason.direction]} ${reason.label}: ${reason.value}`);
      return lines.length ? `${DIMENSION[dimension]}: ${lines.join('; ')}` : null;
    })
    .filter(Boolean)
    .join('\n');
}

/** Large enough that a big rescore reaches Salesforce's Bulk API threshold in one page. */
const PAGE = 10_000;
type WriteBackRow = Prisma.CrmWriteBackGetPayload<object>;

export interface DrainOutcome {
  sent: number;
  failed: number;
  /** Set when the drain stopped early: the CRM refused the credentials or its daily limit is spent. */
  stoppedBy: 'auth' | 'daily_limit' | null;
  message: string | null;
}

/** Sends what is pending, oldest first, until nothing is left or the CRM says stop. */
export async function drainWriteBacks(tenant: TenantDb, port: CrmPort, mapping: CrmMapping): Promise<DrainOutcome> {
  const outcome: DrainOutcome = { sent: 0, failed: 0, stoppedBy: null, message: null };
  let after: Date | null = null;
  for (;;) {
    const rows: WriteBackRow[] = await tenant.client.crmWriteBack.findMany({
      where: { attempts: { lt: WRITE_BACK_GIVE_UP }, ...(after ? { createdAt: { gt: after } } : {}) },
      orderBy: { createdAt: 'asc' },
      take: PAGE,
    });
    if (rows.length === 0) return outcome;
    after = rows[rows.length - 1]!.createdAt;
    const updates: (RecordUpdate & { row: WriteBackRow })[] = [];
    const unmapped: WriteBackRow[] = [];
    for (const row of rows) {
      const fields = crmFields(mapping, row.objectType as ScoredObject, row.fields as ScoreValues);
      if (!fields) unmapped.push(row);
      else updates.push({ object: row.objectType as CrmObject, crmId: row.crmId, fields, row });
    }
    // Nothing mapped for this kind of record: the admin chose not to write scores there.
    if (unmapped.length)
      await tenant.client.crmWriteBack.deleteMany({ where: { id: { in: unmapped.map((r) => r.id) } } });
    let results;
    try {
      results = await port.updateRecords(updates);
    } catch (error) {
      if (error instanceof CrmAuthError) return { ...outcome, stoppedBy: 'auth', message: error.message };
      if (error instanceof CrmDailyLimitError) return { ...outcome, stoppedBy: 'daily_limit', message: error.message };
      throw error;
    }
    const byRecord = new Map(updates.map((update) => [`${update.object}/${update.crmId}`, update.row]));
    const sent: { id: string; updatedAt: Date }[] = [];
    for (const [index, result] of results.entries()) {
      const row = byRecord.get(`${updates[index]!.object}/${result.crmId}`);
      if (!row) continue;
      if (result.ok) sent.push({ id: row.id, updatedAt: row.updatedAt });
      else {
        outcome.failed += 1;
        await tenant.client.crmWriteBack.update({
          where: tenant.key(row.id),
          data: {
            attempts: result.retryable ? { increment: 1 } : WRITE_BACK_GIVE_UP,
            lastError: (result.error ?? 'refused by the CRM').slice(0, 1000),
          },
        });
      }
    }
    // One statement for the page; a row replaced by a newer score while this one was in flight stays, so the newer
    // value is sent too.
    if (sent.length > 0)
      await tenant.client.$executeRaw`
        DELETE FROM "CrmWriteBack" w
         USING unnest(${sent.map((row) => row.id)}::text[], ${sent.map((row) => row.updatedAt.toISOString())}::text[])
               AS s(id, at)
         WHERE w."tenantId" = ${tenant.tenantId} AND w."id" = s.id
           AND w."updatedAt" = (s.at::timestamptz AT TIME ZONE 'UTC')`;
    outcome.sent += sent.length;
  }
}

function crmFields(
  mapping: CrmMapping,
  object: ScoredObject,
  values: ScoreValues,
): Record<string, string | number | null> | null {
  const targets = mapping.scores[object];
  if (!targets || !mapping.objects[object]) return null;
  const fields: Record<string, string | number | null> = {};
  for (const [field, crmField] of Object.entries(targets))
    if (crmField && field in values) fields[crmField] = values[field as ScoreField];
  return Object.keys(fields).length ? fields : null;
}
