import { randomUUID } from 'node:crypto';
import { HttpProblem } from './problems.ts';

/** The part of a Prisma model delegate that an upsert by CRM id needs. */
export interface CrmKeyedModel<Row extends { id: string }> {
  findMany(args: {
    where: { crmId: { in: string[] } };
    select: { id: true; crmId: true };
  }): Promise<{ id: string; crmId: string | null }[]>;
  createManyAndReturn(args: { data: Record<string, unknown>[] }): Promise<Row[]>;
  update(args: {
    where: { tenantId_id: { tenantId: string; id: string } };
    data: Record<string, unknown>;
  }): Promise<Row>;
}

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

/**
 * Creates the records whose CRM id is new (in one statement) and updates the others, returning them in input order.
 * Fields left out of an item are left as they are; null clears them.
 */
export async function upsertByCrmId<Row extends { id: string }, Item extends { crmId: string }>(
  model: CrmKeyedModel<Row>,
  tenantId: string,
  items: Item[],
): Promise<UpsertOutcome<Row>> {
  const existing = await model.findMany({
    where: { crmId: { in: items.map((item) => item.crmId) } },
    select: { id: true, crmId: true },
  });
  const idByCrmId = new Map(existing.map((row) => [row.crmId as string, row.id]));
  const fresh = items.filter((item) => !idByCrmId.has(item.crmId));
  const createdRows = fresh.length
    ? await model.createManyAndReturn({ data: fresh.map((item) => ({ ...item, id: randomUUID(), tenantId })) })
    : [];
  const byCrmId = new Map<string, Row>();
  createdRows.forEach((row) => byCrmId.set((row as unknown as { crmId: string }).crmId, row));
  for (const item of items) {
    const id = idByCrmId.get(item.crmId);
    if (id)
      byCrmId.set(item.crmId, await model.update({ where: { tenantId_id: { tenantId, id } }, data: { ...item } }));
  }
  return {
    rows: items.map((item) => byCrmId.get(item.crmId) as Row),
    created: createdRows.length,
    updated: items.length - createdRows.length,
  };
}
