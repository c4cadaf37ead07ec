import { z } from 'zod';
import { invalid } from './problems.ts';

/**
 * Keyset pagination: the cursor carries the sort it was made for and the last row's sort value and id, so a page
 * never skips or repeats rows when others are inserted, and a cursor is rejected when used with another sort.
 */
const CursorPayload = z.tuple([z.string(), z.union([z.string(), z.number()]), z.string()]);

export interface SortSpec<F extends string> {
  field: F;
  direction: 'asc' | 'desc';
  /** Whether the field holds instants (cursor values are kept as ISO strings). */
  isDate: boolean;
}

export function encodeCursor(sortName: string, value: unknown, id: string): string {
  const plain = value instanceof Date ? value.toISOString() : (value as string | number);
  return Buffer.from(JSON.stringify([sortName, plain, id])).toString('base64url');
}

export function decodeCursor(cursor: string, sortName: string, isDate: boolean): { value: unknown; id: string } {
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid('query.cursor', 'not a cursor this API returned');
  }
  const parsed = CursorPayload.safeParse(payload);
  if (!parsed.success) throw invalid('query.cursor', 'not a cursor this API returned');
  const [madeFor, raw, id] = parsed.data;
  if (madeFor !== sortName) throw invalid('query.cursor', `made for sort=${madeFor}, not sort=${sortName}`);
  if (isDate) {
    const date = typeof raw === 'string' ? new Date(raw) : null;
    if (!date || Number.isNaN(date.getTime())) throw invalid('query.cursor', 'not a cursor this API returned');
    return { value: date, id };
  }
  return { value: raw, id };
}

/** The filter that selects rows after the cursor, and the matching order (ties broken by id). */
export function keyset<F extends string>(spec: SortSpec<F>, after: { value: unknown; id: string } | undefined) {
  const op = spec.direction === 'asc' ? 'gt' : 'lt';
  const orderBy = [{ [spec.field]: spec.direction }, { id: spec.direction }] as Record<string, 'asc' | 'desc'>[];
  if (!after) return { where: {}, orderBy };
  // Sort fields are never null, so a plain (value, id) comparison is exact.
  const where = {
    OR: [{ [spec.field]: { [op]: after.value } }, { [spec.field]: after.value, id: { [op]: after.id } }],
  };
  return { where, orderBy };
}

/** Splits `limit + 1` fetched rows into the page and the cursor of the next one. */
export function pageOf<T extends { id: string }>(
  rows: T[],
  limit: number,
  sortName: string,
  sortValue: (row: T) => unknown,
): { rows: T[]; nextCursor: string | null } {
  if (rows.length <= limit) return { rows, nextCursor: null };
  const pageRows = rows.slice(0, limit);
  const last = pageRows[pageRows.length - 1] as T;
  return { rows: pageRows, nextCursor: encodeCursor(sortName, sortValue(last), last.id) };
}
