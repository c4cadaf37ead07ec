import { Prisma } from '../../db/generated/client.ts';
import type { ScopedTransaction } from '../../db/tenant-db.ts';
import type { CrmObject } from './port.ts';

/**
 * Stores records read from the CRM: one statement per page and table, keyed by the CRM id, inserting the new and
 * updating the changed. A record the CRM sends again unchanged is left alone (not even its `updatedAt` moves), so a
 * re-read page neither marks scores stale nor fills the audit trail. Only the columns the tenant's mapping reads are
 * written: a column an admin left unmapped keeps what the API or an earlier mapping put there.
 */

export type ColumnType = 'text' | 'int' | 'numeric' | 'bool' | 'timestamp' | 'jsonb' | 'text[]';

export interface Column {
  name: string;
  type: ColumnType;
}

export type Row = Record<string, unknown> & { crmId: string };

const SQL_TYPE: Record<ColumnType, string> = {
  text: 'text',
  int: 'int',
  numeric: 'numeric',
  bool: 'bool',
  // Sent as ISO text and converted to the UTC timestamps Prisma stores.
  timestamp: 'text',
  jsonb: 'text',
  // Arrays of arrays do not unnest: sent as JSON text.
  'text[]': 'text',
};

function valueExpression(column: Column): Prisma.Sql {
  const ref = Prisma.raw(`u."${column.name}"`);
  switch (column.type) {
    case 'timestamp':
      return Prisma.sql`(${ref}::timestamptz AT TIME ZONE 'UTC')`;
    case 'jsonb':
      return Prisma.sql`${ref}::jsonb`;
    case 'text[]':
      return Prisma.sql`ARRAY(SELECT jsonb_array_elements_text(${ref}::jsonb))`;
    default:
      return ref;
  }
}

function cell(column: Column, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (column.type === 'timestamp') return value instanceof Date ? value.toISOString() : String(value);
  if (column.type === 'jsonb' || column.type === 'text[]') return JSON.stringify(value);
  return value;
}

/**
 * Upserts rows by (tenantId, crmId) and returns the id and CRM id of every row inserted or changed.
 * `merge` names jsonb columns whose stored keys are kept and overlaid rather than replaced (custom fields);
 * `notAChange` names columns that follow along but do not make a record count as changed on their own.
 */
export async function upsertByCrmId(
  tx: ScopedTransaction,
  tenantId: string,
  table: 'Company' | 'Lead' | 'Opportunity' | 'Activity',
  columns: Column[],
  rows: Row[],
  options: { merge?: string[]; touchUpdatedAt?: boolean; notAChange?: string[] } = {},
): Promise<{ id: string; crmId: string; inserted: boolean }[]> {
  if (rows.length === 0) return [];
  const all: Column[] = [{ name: 'crmId', type: 'text' }, ...columns];
  const quoted = (name: string) => Prisma.raw(`"${name}"`);
  const arrays = all.map(
    (column) =>
      Prisma.sql`${rows.map((row) => cell(column, row[column.name]))}::${Prisma.raw(SQL_TYPE[column.type])}[]`,
  );
  const target = (name: string) => Prisma.raw(`"${table}"."${name}"`);
  const updated = columns.map((column) =>
    options.merge?.includes(column.name)
      ? Prisma.sql`${quoted(column.name)} = ${target(column.name)} || EXCLUDED.${quoted(column.name)}`
      : Prisma.sql`${quoted(column.name)} = EXCLUDED.${quoted(column.name)}`,
  );
  const changed = columns
    .filter((column) => !options.notAChange?.includes(column.name))
    .map((column) =>
      options.merge?.includes(column.name)
        ? Prisma.sql`${target(column.name)} || EXCLUDED.${quoted(column.name)} IS DISTINCT FROM ${target(column.name)}`
        : Prisma.sql`EXCLUDED.${quoted(column.name)} IS DISTINCT FROM ${target(column.name)}`,
    );
  const withUpdatedAt = options.touchUpdatedAt !== false;
  return tx.$queryRaw<{ id: string; crmId: string; inserted: boolean }[]>`
    INSERT INTO ${quoted(table)} ("tenantId", "id", ${Prisma.join(all.map((c) => quoted(c.name)))}${
      withUpdatedAt ? Prisma.sql`, "updatedAt"` : Prisma.empty
    })
    SELECT ${tenantId}, gen_random_uuid()::text, ${Prisma.join(all.map(valueExpression))}${
      withUpdatedAt ? Prisma.sql`, CURRENT_TIMESTAMP` : Prisma.empty
    }
    FROM unnest(${Prisma.join(arrays)}) AS u(${Prisma.join(all.map((c) => quoted(c.name)))})
    ON CONFLICT ("tenantId", "crmId") DO UPDATE
      SET ${Prisma.join(updated)}${withUpdatedAt ? Prisma.sql`, "updatedAt" = CURRENT_TIMESTAMP` : Prisma.empty}
      WHERE ${Prisma.join(changed, ' OR ')}
    RETURNING "id", "crmId", (xmax = 0) AS inserted`;
}

/** Our ids of records known by their CRM ids. */
export async function idsByCrmId(
  tx: ScopedTransaction,
  tenantId: string,
  table: 'Company' | 'Lead' | 'User',
  crmIds: string[],
): Promise<Map<string, string>> {
  const unique = [...new Set(crmIds.filter(Boolean))];
  if (unique.length === 0) return new Map();
  const key = table === 'User' ? 'crmUserId' : 'crmId';
  const rows = await tx.$queryRaw<{ id: string; crmId: string }[]>`
    SELECT "id", ${Prisma.raw(`"${key}"`)} AS "crmId" FROM ${Prisma.raw(`"${table}"`)}
     WHERE "tenantId" = ${tenantId} AND ${Prisma.raw(`"${key}"`)} = ANY(${unique}::text[])`;
  return new Map(rows.map((row) => [row.crmId, row.id]));
}

/**
 * Removes records the CRM deleted (Salesforce's recycle bin and merges, HubSpot's archive and GDPR deletions),
 * and returns the leads whose score depended on them. What the suite keeps about its own work survives without
 * them: a call stays in the history with no lead or deal, a deal with no company or contact; a lead's scores,
 * touches and routing decisions go with it. Pending write-backs to the record are dropped: the CRM would refuse
 * them. A record restored from the recycle bin later comes back through the sync as a new record.
 */
export async function removeByCrmId(
  tx: ScopedTransaction,
  tenantId: string,
  object: CrmObject,
  crmIds: string[],
): Promise<string[]> {
  const unique = [...new Set(crmIds.filter(Boolean))];
  if (unique.length === 0) return [];
  await tx.$executeRaw`
    DELETE FROM "CrmWriteBack" WHERE "tenantId" = ${tenantId} AND "objectType" = ${object} AND "crmId" = ANY(${unique}::text[])`;
  switch (object) {
    case 'lead':
    case 'contact': {
      const ids = [...(await idsByCrmId(tx, tenantId, 'Lead', unique)).values()];
      if (ids.length === 0) return [];
      await tx.$executeRaw`
        UPDATE "Call" SET "leadId" = NULL WHERE "tenantId" = ${tenantId} AND "leadId" = ANY(${ids}::text[])`;
      await tx.$executeRaw`
        UPDATE "Opportunity" SET "leadId" = NULL, "updatedAt" = CURRENT_TIMESTAMP
         WHERE "tenantId" = ${tenantId} AND "leadId" = ANY(${ids}::text[])`;
      await tx.$executeRaw`DELETE FROM "Lead" WHERE "tenantId" = ${tenantId} AND "id" = ANY(${ids}::text[])`;
      return [];
    }
    case 'company': {
      const ids = [...(await idsByCrmId(tx, tenantId, 'Company', unique)).values()];
      if (ids.length === 0) return [];
      const people = await tx.$queryRaw<{ id: string }[]>`
        UPDATE "Lead" SET "companyId" = NULL, "updatedAt" = CURRENT_TIMESTAMP
         WHERE "tenantId" = ${tenantId} AND "companyId" = ANY(${ids}::text[]) RETURNING "id"`;
      await tx.$executeRaw`
        UPDATE "Opportunity" SET "companyId" = NULL, "updatedAt" = CURRENT_TIMESTAMP
         WHERE "tenantId" = ${tenantId} AND "companyId" = ANY(${ids}::text[])`;
      await tx.$executeRaw`DELETE FROM "Company" WHERE "tenantId" = ${tenantId} AND "id" = ANY(${ids}::text[])`;
      return people.map((row) => row.id);
    }
    case 'deal': {
      await tx.$executeRaw`
        UPDATE "Call" SET "opportunityId" = NULL
         WHERE "tenantId" = ${tenantId}
           AND "opportunityId" IN (SELECT "id" FROM "Opportunity" WHERE "tenantId" = ${tenantId} AND "crmId" = ANY(${unique}::text[]))`;
      const gone = await tx.$queryRaw<{ leadId: string | null }[]>`
        DELETE FROM "Opportunity" WHERE "tenantId" = ${tenantId} AND "crmId" = ANY(${unique}::text[]) RETURNING "leadId"`;
      return [...new Set(gone.flatMap((row) => (row.leadId ? [row.leadId] : [])))];
    }
    case 'activity': {
      const gone = await tx.$queryRaw<{ leadId: string }[]>`
        DELETE FROM "Activity" WHERE "tenantId" = ${tenantId} AND "crmId" = ANY(${unique}::text[]) RETURNING "leadId"`;
      return [...new Set(gone.map((row) => row.leadId))];
    }
  }
}
