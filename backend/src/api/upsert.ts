import { randomUUID } from 'node:crypto';
import { Prisma } from '../db/generated/client.ts';
import type { ScopedTransaction } from '../db/tenant-db.ts';
import { HttpProblem } from './problems.ts';

export interface UpsertOutcome<Row> {
  rows: Row[];
  created: number;
  updated: number;
}

/** Rejects a batch that names the same CRM id twice: which of the two should win would be a guess. */
export function assertUniqueCrmIds(items: { crmId: string }[]): void {
  const seen = new Map<string, number>();
  items.forEach((item, index) => {
    const first = seen.get(item.crmId);
    if (first !== undefined)
      throw new HttpProblem(400, `crmId ${item.crmId} appears twice in the batch`, [
        { field: `body.${index}.crmId`, message: `same crmId as body.${first}.crmId` },
      ]);
    seen.set(item.crmId, index);
  });
}

/** What the API's upsert by CRM id needs to know of a table: its name and its timestamp columns. */
export interface UpsertTable {
  name: 'Lead' | 'Company';
  /** Columns stored as UTC timestamps: the API accepts any offset, the column keeps none. */
  timestamps: string[];
}

const COLUMN = /^[A-Za-z][A-Za-z0-9]*$/;
const quoted = (names: string[], prefix = '') => Prisma.raw(names.map((n) => `${prefix}"${n}"`).join(', '));

/**
 * Creates the records whose CRM id is new and updates the others, returning them in input order. Fields left out of
 * an item are left as they are; null clears them. One statement per set of fields the items give (a batch usually
 * gives one): rows travel as one JSON document typed by the table's own row type (jsonb_populate_recordset), so a
 * batch of a thousand costs one round trip instead of a statement per updated record.
 */
export async function upsertByCrmId<Row extends { id: string }, Item extends { crmId: string }>(
  tx: ScopedTransaction,
  table: UpsertTable,
  tenantId: string,
  items: Item[],
): Promise<UpsertOutcome<Row>> {
  const groups = new Map<string, Item[]>();
  for (const item of items) {
    const key = Object.keys(item).sort().join(',');
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  const byCrmId = new Map<string, Row>();
  let created = 0;
  for (const [key, group] of groups) {
    const columns = key.split(',').filter((column) => column !== 'crmId');
    for (const column of columns)
      if (!COLUMN.test(column)) throw new Error(`${table.name}: unexpected field ${column}`);
    const documents = group.map((item) => {
      const row: Record<string, unknown> = { ...item, id: randomUUID() };
      for (const column of table.timestamps)
        if (typeof row[column] === 'string') row[column] = new Date(row[column] as string).toISOString();
      return row;
    });
    const all = ['id', 'crmId', ...columns];
    const set = columns.length ? Prisma.raw(columns.map((c) => `"${c}" = EXCLUDED."${c}", `).join('')) : Prisma.empty;
    const rows = await tx.$queryRaw<(Row & { crmId: string; inserted: boolean })[]>`
      INSERT INTO ${Prisma.raw(`"${table.name}"`)} ("tenantId", ${quoted(all)}, "updatedAt")
      SELECT ${tenantId}, ${quoted(all, 'r.')}, CURRENT_TIMESTAMP
        FROM jsonb_populate_recordset(NULL::${Prisma.raw(`"${table.name}"`)}, ${JSON.stringify(documents)}::jsonb) AS r
      ON CONFLICT ("tenantId", "crmId") DO UPDATE SET ${set}"updatedAt" = CURRENT_TIMESTAMP
      RETURNING *, (xmax = 0) AS inserted`;
    for (const { inserted, ...row } of rows) {
      if (inserted) created += 1;
      byCrmId.set(row.crmId, row as unknown as Row);
    }
  }
  return {
    rows: items.map((item) => byCrmId.get(item.crmId) as Row),
    created,
    updated: items.length - created,
  };
}
