import type { MatchedAccount } from '@sdr/shared';
import type { TenantDb } from '../../db/tenant-db.ts';
import { tenantCache } from '../../tenancy/tenant-cache.ts';
import { AccountIndex } from './account-matching.ts';

/**
 * Per tenant (the recently used ones), the account index and what it was built from; rebuilt when the tenant's
 * companies change.
 */
const accountIndexes = tenantCache<{ stamp: string; index: AccountIndex }>();

/** The accounts a lead may belong to: the tenant's companies, not the stand-ins a CRM lead's own fields make. */
export async function accountIndexOf(tenant: TenantDb): Promise<AccountIndex> {
  const [row] = await tenant.client.$queryRaw<{ stamp: string }[]>`
    SELECT count(*) || ':' || coalesce(max("updatedAt")::text, '') AS stamp FROM "Company" WHERE "tenantId" = ${tenant.tenantId}`;
  const stamp = row?.stamp ?? '';
  const cached = accountIndexes.get(tenant.tenantId);
  if (cached?.stamp === stamp) return cached.index;
  const accounts = await tenant.client.company.findMany({
    where: { NOT: { crmId: { startsWith: 'lead:' } } },
    select: { id: true, name: true, domain: true },
  });
  const index = new AccountIndex(accounts);
  accountIndexes.set(tenant.tenantId, { stamp, index });
  return index;
}

export function matchAccount(
  index: AccountIndex,
  lead: {
    companyId: string | null;
    companyName: string | null;
    email: string | null;
    company: { website: string | null; crmId: string | null } | null;
  },
): MatchedAccount | null {
  const companyId = lead.company?.crmId?.startsWith('lead:') ? null : lead.companyId;
  return index.match({
    companyId,
    companyName: lead.companyName,
    email: lead.email,
    website: lead.company?.website ?? null,
  });
}

/**
 * Whoever works each account: its owner in the CRM (Salesforce `Account.OwnerId`, HubSpot `hubspot_owner_id`) when
 * the roster knows them; for an account without one (entered through the API, or owned by someone outside the
 * roster), the owner of most of its people and deals.
 */
export async function accountOwners(tenant: TenantDb, companyIds: string[]): Promise<Map<string, string>> {
  const ids = [...new Set(companyIds)];
  if (ids.length === 0) return new Map();
  const rows = await tenant.client.$queryRaw<{ companyId: string; ownerId: string }[]>`
    SELECT DISTINCT ON ("companyId") "companyId", "ownerId" FROM (
      SELECT "id" AS "companyId", "ownerId", 0 AS "rank", 0::bigint AS "records" FROM "Company"
       WHERE "tenantId" = ${tenant.tenantId} AND "id" = ANY(${ids}::text[]) AND "ownerId" IS NOT NULL
      UNION ALL
      SELECT "companyId", "ownerId", 1, count(*) FROM (
        SELECT "companyId", "ownerId" FROM "Lead"
         WHERE "tenantId" = ${tenant.tenantId} AND "companyId" = ANY(${ids}::text[]) AND "ownerId" IS NOT NULL
        UNION ALL
        SELECT "companyId", "ownerId" FROM "Opportunity"
         WHERE "tenantId" = ${tenant.tenantId} AND "companyId" = ANY(${ids}::text[]) AND "ownerId" IS NOT NULL
      ) people GROUP BY "companyId", "ownerId"
    ) owners ORDER BY "companyId", "rank", "records" DESC, "ownerId"`;
  return new Map(rows.map((row) => [row.companyId, row.ownerId]));
}
