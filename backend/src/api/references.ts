import type { ScopedClient } from '../db/tenant-scope.ts';
import type { ScopedTransaction } from '../db/tenant-db.ts';
import { HttpProblem } from './problems.ts';

type Reader = ScopedClient | ScopedTransaction;

interface Reference {
  /** Where the id sits in the request, e.g. `body.3.companyId`. */
  field: string;
  id: string;
}

/**
 * Checks that ids a request points at (companies, owners) exist in the caller's tenant, so a bad id is a clear 400
 * naming the field rather than a foreign-key failure, and an id of another tenant's record is treated as unknown.
 */
export async function assertReferencesExist(
  db: Reader,
  kind: 'company' | 'user' | 'competitor' | 'lead' | 'opportunity',
  references: Reference[],
): Promise<void> {
  if (references.length === 0) return;
  const ids = [...new Set(references.map((ref) => ref.id))];
  const query = { where: { id: { in: ids } }, select: { id: true } };
  const found =
    kind === 'company'
      ? await db.company.findMany(query)
      : kind === 'user'
        ? await db.user.findMany(query)
        : kind === 'competitor'
          ? await db.competitor.findMany(query)
          : kind === 'lead'
            ? await db.lead.findMany(query)
            : await db.opportunity.findMany(query);
  const known = new Set(found.map((row) => row.id));
  const missing = references.filter((ref) => !known.has(ref.id));
  if (missing.length > 0)
    throw new HttpProblem(
      400,
      `Unknown ${kind} id: ${missing.map((ref) => ref.field).join(', ')}`,
      missing.map((ref) => ({ field: ref.field, message: `no ${kind} with this id` })),
    );
}

/** The references of a list of items, with the request path of each (under `at`, the body by default). */
export function referencesOf<T>(items: T[], single: boolean, field: keyof T & string, at = 'body'): Reference[] {
  return items.flatMap((item, index) => {
    const id = item[field];
    return typeof id === 'string' ? [{ field: single ? `${at}.${field}` : `${at}.${index}.${field}`, id }] : [];
  });
}
