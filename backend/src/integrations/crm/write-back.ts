import type { Reason, ScoredObject, ScoreField } from '@sdr/shared';
import type { Prisma } from '../../db/generated/client.ts';
import type { TenantDb } from '../../db/tenant-db.ts';
import { WRITE_BACK_GIVE_UP } from './connections.ts';
import type { CrmMapping } from './default-mapping.ts';
import { CrmAuthError, CrmDailyLimitError, type CrmObject, type CrmPort, type RecordUpdate } from './port.ts';

/**
 * Scores and owners travel to the CRM through an outbox: scoring stores the suite's values (`ev`, `risk`, ...) for
 * each record, routing the new owner's CRM user id, one pending row per record and kind that a newer value
 * replaces, and the drain below maps them to the tenant's CRM fields when it sends them. So a mapping change
 * applies to what is still waiting, an outage or a revoked token loses nothing (rows wait and resume), and a
 * record is written once per change, not once per rescore; a record's score and owner go in one update.
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
    const byRecord = new Map<string, RecordUpdate & { rows: WriteBackRow[] }>();
    const unmapped: WriteBackRow[] = [];
    for (const row of rows) {
      const fields = crmFields(mapping, row);
      if (!fields) {
        unmapped.push(row);
        continue;
      }
      const key = `${row.objectType}/${row.crmId}`;
      const known = byRecord.get(key);
      if (known) {
        Object.assign(known.fields, fields);
        known.rows.push(row);
      } else byRecord.set(key, { object: row.objectType as CrmObject, crmId: row.crmId, fields, rows: [row] });
    }
    const updates = [...byRecord.values()];
    // Nothing mapped for this kind of record: the admin chose not to write it there.
    if (unmapped.length)
      await tenant.client.crmWriteBack.deleteMany({ where: { id: { in: unmapped.map((r) => r.id) } } });
    let results;
    try {
      results = await port.updateRecords(updates.map(({ rows: _rows, ...update }) => update));
    } catch (error) {
      if (error instanceof CrmAuthError) return { ...outcome, stoppedBy: 'auth', message: error.message };
      if (error instanceof CrmDailyLimitError) return { ...outcome, stoppedBy: 'daily_limit', message: error.message };
      throw error;
    }
    const sent: { id: string; updatedAt: Date }[] = [];
    for (const [index, result] of results.entries()) {
      const update = updates[index];
      if (!update) continue;
      if (result.ok) sent.push(...update.rows.map((row) => ({ id: row.id, updatedAt: row.updatedAt })));
      else
        for (const row of update.rows) {
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

/** A pending row as CRM fields: scores where the mapping writes them, an owner in the record's owner field. */
function crmFields(mapping: CrmMapping, row: WriteBackRow): Record<string, string | number | null> | null {
  const object = row.objectType as ScoredObject;
  if (!mapping.objects[object]) return null;
  if (row.kind === 'owner') {
    const ownerField = mapping.fields[object]?.owner;
    const owner = (row.fields as { owner?: string }).owner;
    return ownerField && owner ? { [ownerField]: owner } : null;
  }
  const targets = mapping.scores[object];
  if (!targets) return null;
  const values = row.fields as ScoreValues;
  const fields: Record<string, string | number | null> = {};
  for (const [field, crmField] of Object.entries(targets))
    if (crmField && field in values) fields[crmField] = values[field as ScoreField];
  return Object.keys(fields).length ? fields : null;
}
