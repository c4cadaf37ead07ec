import type { TenantSettings } from '@sdr/shared';
import type { ScopedTransaction, TenantDb } from '../../db/tenant-db.ts';
import type { CrmMapping } from './default-mapping.ts';
import type { CrmObject, CrmPort, CrmRecord } from './port.ts';
import {
  activityRows,
  companyRows,
  dealRows,
  fieldsToRead,
  leadCompanyRows,
  personRows,
  text,
  whoOf,
} from './record-mapping.ts';
import { idsByCrmId, removeByCrmId, upsertByCrmId } from './record-store.ts';

/**
 * Reads what changed in the CRM since the stored cursors and stores it. Objects go in dependency order (companies
 * before the people who work there, people before their deals and touches) so references resolve. Each page is
 * stored in one transaction together with the cursor that follows it: a sync stopped at any point (a crash, a
 * deploy, the CRM's daily limit) resumes after the last stored page, neither skipping nor repeating work.
 */

export const SYNC_ORDER: CrmObject[] = ['company', 'lead', 'contact', 'deal', 'activity'];

export interface SyncOptions {
  settings: TenantSettings;
  mapping: CrmMapping;
  cursors: Record<string, string>;
  /** Leads (and contacts) whose score may have changed: new or changed people, their deals and touches. */
  onLeadsChanged: (leadIds: string[]) => Promise<void>;
  onProgress?: (done: number, message: string) => Promise<void>;
  signal?: AbortSignal;
  pageSize?: number;
  /** When this sync started: deletions are asked for up to here. */
  now: Date;
}

export interface SyncSummary {
  /** Roster users newly linked to their CRM user, so the records they own resolve to them. */
  usersLinked: number;
  records: Record<string, number>;
  changed: Record<string, number>;
  removed: Record<string, number>;
  skipped: number;
}

/** Where the deletion check of an object stands, in the same map as the change cursors. */
const deletedKey = (object: CrmObject) => `deleted:${object}`;
/** Deletion windows overlap by a minute: Salesforce truncates them to the minute. */
const DELETION_OVERLAP_MS = 60_000;

export async function syncChanges(tenant: TenantDb, port: CrmPort, options: SyncOptions): Promise<SyncSummary> {
  const summary: SyncSummary = {
    usersLinked: await linkUsers(tenant, port),
    records: {},
    changed: {},
    removed: {},
    skipped: 0,
  };
  const customFields = options.settings.fieldMapping.map((mapping) => mapping.crmField);
  let done = 0;
  for (const object of SYNC_ORDER) {
    const described = options.mapping.objects[object];
    const map = options.mapping.fields[object];
    if (!described || !map) continue;
    const fields = await readableFields(port, object, options);
    summary.records[object] ??= 0;
    summary.changed[object] ??= 0;
    for await (const page of port.listChanged(object, options.cursors[object] ?? null, {
      fields,
      ...(options.pageSize ? { pageSize: options.pageSize } : {}),
    })) {
      options.signal?.throwIfAborted();
      const { changedLeads, changed, skipped } = await tenant.write(async (tx) => {
        const stored = await storePage(tx, tenant.tenantId, object, page.records, options, customFields);
        if (page.cursor) await saveCursor(tx, tenant.tenantId, object, page.cursor);
        return stored;
      });
      if (page.cursor) options.cursors[object] = page.cursor;
      summary.records[object] = (summary.records[object] ?? 0) + page.records.length;
      summary.changed[object] = (summary.changed[object] ?? 0) + changed;
      summary.skipped += skipped;
      if (changedLeads.length > 0) await options.onLeadsChanged(changedLeads);
      done += page.records.length;
      await options.onProgress?.(done, `Reading ${described.name} records`);
    }
    summary.removed[object] = await removeDeleted(tenant, port, object, options);
  }
  return summary;
}

async function saveCursor(tx: ScopedTransaction, tenantId: string, key: string, cursor: string) {
  await tx.$executeRaw`
    UPDATE "CrmConnection" SET "cursors" = "cursors" || jsonb_build_object(${key}::text, ${cursor}::text)
     WHERE "tenantId" = ${tenantId}`;
}

/**
 * Asks the CRM what it deleted since the last check and removes it here. A backfill starts the clock instead: it
 * read only live records. The mark moves to this sync's start, so a deletion while the sync ran is asked again.
 */
async function removeDeleted(tenant: TenantDb, port: CrmPort, object: CrmObject, options: SyncOptions) {
  const key = deletedKey(object);
  const mark = options.cursors[key];
  const until = options.now;
  if (mark && until.getTime() - Date.parse(mark) < port.deletionCheckMs) return 0;
  let removed = 0;
  if (mark) {
    const since = new Date(Date.parse(mark) - DELETION_OVERLAP_MS);
    for await (const crmIds of port.listDeleted(object, since, until)) {
      options.signal?.throwIfAborted();
      const changedLeads = await tenant.write((tx) => removeByCrmId(tx, tenant.tenantId, object, crmIds));
      removed += crmIds.length;
      if (changedLeads.length > 0) await options.onLeadsChanged(changedLeads);
    }
  }
  await tenant.write((tx) => saveCursor(tx, tenant.tenantId, key, until.toISOString()));
  options.cursors[key] = until.toISOString();
  return removed;
}

/**
 * Links the SDR roster to the CRM's users by e-mail (case aside), so `OwnerId` / `hubspot_owner_id` resolve to the
 * suite's users. The roster itself is the admins' to keep: CRM users are never added to it unasked.
 */
async function linkUsers(tenant: TenantDb, port: CrmPort): Promise<number> {
  const users = (await port.listUsers()).filter((user) => user.email);
  if (users.length === 0) return 0;
  return tenant.write(
    (tx) => tx.$executeRaw`
      UPDATE "User" u SET "crmUserId" = s.crm_user_id, "updatedAt" = CURRENT_TIMESTAMP
        FROM unnest(${users.map((user) => user.email.toLowerCase())}::text[], ${users.map((user) => user.crmUserId)}::text[])
             AS s(email, crm_user_id)
       WHERE u."tenantId" = ${tenant.tenantId} AND lower(u."email") = s.email
         AND u."crmUserId" IS DISTINCT FROM s.crm_user_id
         AND NOT EXISTS (SELECT 1 FROM "User" o WHERE o."tenantId" = u."tenantId" AND o."crmUserId" = s.crm_user_id)`,
  );
}

/** Stores records fetched by id (webhook events, change events) the way the sync stores its pages. */
export async function storeFetched(
  tenant: TenantDb,
  object: CrmObject,
  records: CrmRecord[],
  options: Pick<SyncOptions, 'settings' | 'mapping'>,
): Promise<string[]> {
  const customFields = options.settings.fieldMapping.map((mapping) => mapping.crmField);
  const stored = await tenant.write((tx) => storePage(tx, tenant.tenantId, object, records, options, customFields));
  return stored.changedLeads;
}

/** Removes records the CRM says are gone (deletion webhooks and change events); returns the leads to score again. */
export async function removeGone(tenant: TenantDb, object: CrmObject, crmIds: string[]): Promise<string[]> {
  return tenant.write((tx) => removeByCrmId(tx, tenant.tenantId, object, crmIds));
}

/** The CRM fields to read for one kind of record: the mapped ones the org has. */
export async function readableFields(
  port: CrmPort,
  object: CrmObject,
  options: Pick<SyncOptions, 'settings' | 'mapping'>,
) {
  const map = options.mapping.fields[object] ?? {};
  const customFields = options.settings.fieldMapping.map((mapping) => mapping.crmField);
  // A mapped field the org does not have (an uninstalled package, a typo) is left out rather than failing the sync.
  const available = new Set((await port.describeFields(object)).map((field) => field.name));
  return fieldsToRead(map, object === 'deal' || object === 'activity' ? [] : customFields).filter((field) =>
    available.has(field),
  );
}

interface StoredPage {
  changedLeads: string[];
  changed: number;
  skipped: number;
}

/** Stores a page: deleted records are removed, live ones upserted. */
async function storePage(
  tx: ScopedTransaction,
  tenantId: string,
  object: CrmObject,
  records: CrmRecord[],
  options: Pick<SyncOptions, 'settings' | 'mapping'>,
  customFields: string[],
): Promise<StoredPage> {
  const gone = records.filter((record) => record.deleted).map((record) => record.crmId);
  const affected = await removeByCrmId(tx, tenantId, object, gone);
  const live = gone.length ? records.filter((record) => !record.deleted) : records;
  const stored = await storeLive({ tx, tenantId, object, options, customFields }, live);
  return affected.length ? { ...stored, changedLeads: [...new Set([...affected, ...stored.changedLeads])] } : stored;
}

async function storeLive(
  page: {
    tx: ScopedTransaction;
    tenantId: string;
    object: CrmObject;
    options: Pick<SyncOptions, 'settings' | 'mapping'>;
    customFields: string[];
  },
  records: CrmRecord[],
): Promise<StoredPage> {
  const { tx, tenantId, object, options, customFields } = page;
  const map = options.mapping.fields[object] ?? {};
  const refs = (values: (string | null | undefined)[]) => values.filter((v): v is string => !!v);
  const field = (record: CrmRecord, name: string) => {
    const crmField = map[name];
    return crmField ? text(record.fields[crmField]) : null;
  };
  switch (object) {
    case 'company': {
      const ownerIds = await idsByCrmId(tx, tenantId, 'User', refs(records.map((r) => field(r, 'owner'))));
      const { columns, rows } = companyRows(records, map, customFields, { ownerIds });
      const changed = await upsertByCrmId(tx, tenantId, 'Company', columns, rows, { merge: ['customFields'] });
      // People at a changed company score differently (firmographics feed the model).
      const companyIds = changed.filter((row) => !row.inserted).map((row) => row.id);
      const people = companyIds.length
        ? await tx.lead.findMany({ where: { companyId: { in: companyIds } }, select: { id: true } })
        : [];
      return { changedLeads: people.map((p) => p.id), changed: changed.length, skipped: 0 };
    }
    case 'lead':
    case 'contact': {
      const own = object === 'lead' ? leadCompanyRows(records, map) : null;
      if (own) await upsertByCrmId(tx, tenantId, 'Company', own.columns, own.rows);
      const companyIds = await idsByCrmId(tx, tenantId, 'Company', [
        ...refs(records.map((r) => field(r, 'company'))),
        ...(own ? own.rows.map((row) => row.crmId) : []),
      ]);
      const ownerIds = await idsByCrmId(tx, tenantId, 'User', refs(records.map((r) => field(r, 'owner'))));
      const { columns, rows } = personRows(object, records, map, customFields, { companyIds, ownerIds });
      // The CRM stamps a record when the suite writes its scores to it; that alone is no change to score again,
      // or every write-back would come back as a change and be scored and written again.
      const changed = await upsertByCrmId(tx, tenantId, 'Lead', columns, rows, {
        merge: ['customFields'],
        notAChange: ['crmUpdatedAt'],
      });
      return { changedLeads: changed.map((row) => row.id), changed: changed.length, skipped: 0 };
    }
    case 'deal': {
      const companyIds = await idsByCrmId(tx, tenantId, 'Company', [
        ...refs(records.map((r) => field(r, 'company'))),
        ...records.flatMap((r) => r.related?.company ?? []),
      ]);
      const leadIds = await idsByCrmId(tx, tenantId, 'Lead', [
        ...refs(records.map((r) => field(r, 'contact'))),
        ...records.flatMap((r) => r.related?.contact ?? []),
      ]);
      const ownerIds = await idsByCrmId(tx, tenantId, 'User', refs(records.map((r) => field(r, 'owner'))));
      const { columns, rows } = dealRows(
        records,
        map,
        { companyIds, leadIds, ownerIds },
        options.settings.scoring.currency,
      );
      const changed = await upsertByCrmId(tx, tenantId, 'Opportunity', columns, rows);
      const changedIds = new Set(changed.map((row) => row.crmId));
      const changedLeads = rows
        .filter((row) => changedIds.has(row.crmId) && row.leadId)
        .map((row) => row.leadId as string);
      return { changedLeads, changed: changed.length, skipped: 0 };
    }
    case 'activity': {
      const leadIds = await idsByCrmId(tx, tenantId, 'Lead', refs(records.map((r) => whoOf(r, map))));
      const { columns, rows } = activityRows(records, map, leadIds);
      const changed = await upsertByCrmId(tx, tenantId, 'Activity', columns, rows, { touchUpdatedAt: false });
      const changedIds = new Set(changed.map((row) => row.crmId));
      const changedLeads = rows.filter((row) => changedIds.has(row.crmId)).map((row) => row.leadId as string);
      return { changedLeads, changed: changed.length, skipped: records.length - rows.length };
    }
  }
}
