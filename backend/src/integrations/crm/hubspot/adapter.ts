import type { HubSpotSession } from './client.ts';
import { HUBSPOT_MAPPING } from '../default-mapping.ts';
import type {
  CallEvent,
  ChangePage,
  CrmField,
  CrmObject,
  CrmPort,
  CrmRecord,
  CrmTaskInput,
  CrmUser,
  RecordUpdate,
  UpdateOutcome,
} from '../port.ts';
import { groupByObject } from '../port.ts';

/** HubSpot's search returns at most 10,000 results per query; past that the query restarts from the last stamp. */
const SEARCH_WINDOW = 10_000;
const SEARCH_PAGE = 200;
const BATCH = 100;
const ARCHIVE_PAGE = 100;

interface HubSpotObject {
  id: string;
  properties: Record<string, string | null>;
  updatedAt: Date;
  archived?: boolean;
}

export function hubspotObjectName(object: CrmObject): string {
  const name = HUBSPOT_MAPPING.objects[object]?.name;
  if (!name) throw new Error(`HubSpot has no ${object} object in the sync`);
  return name;
}

/** HubSpot-defined association types from notes and tasks to the records they are about. */
const ENGAGEMENT_ASSOCIATIONS: Record<'notes' | 'tasks', Record<string, number>> = {
  notes: { contacts: 202, companies: 190, deals: 214 },
  tasks: { contacts: 204, companies: 192, deals: 216 },
};

/** The HubSpot object types behind one kind of record. */
function objectTypes(object: CrmObject): string[] {
  return [hubspotObjectName(object)];
}

const modifiedField = (object: CrmObject) => HUBSPOT_MAPPING.objects[object]?.modifiedField ?? 'hs_lastmodifieddate';

export class HubSpotCrm implements CrmPort {
  readonly provider = 'hubspot' as const;
  private readonly session: HubSpotSession;

  constructor(session: HubSpotSession) {
    this.session = session;
  }

  apiUsage() {
    return this.session.apiUsage();
  }

  private toRecord(object: CrmObject, row: HubSpotObject): CrmRecord {
    const stamp = row.properties[modifiedField(object)];
    return {
      object,
      crmId: row.id,
      modifiedAt: stamp ? new Date(stamp).toISOString() : new Date(row.updatedAt).toISOString(),
      deleted: row.archived === true,
      fields: row.properties,
    };
  }

  /**
   * Searches by last-modified stamp, oldest first. The cursor is the stamp of the last record handed out; a
   * restarted query asks for stamps at or after it and drops the records already handed out at that very stamp,
   * so records sharing a millisecond across a page or window boundary are neither lost nor repeated.
   */
  async *listChanged(
    object: CrmObject,
    cursor: string | null,
    options: { fields: string[]; pageSize?: number },
  ): AsyncIterable<ChangePage> {
    const type = hubspotObjectName(object);
    const stampField = modifiedField(object);
    const properties = [...new Set([...options.fields, stampField])];
    const limit = Math.min(options.pageSize ?? SEARCH_PAGE, SEARCH_PAGE);
    let from = cursor;
    let seenAtFrom = new Set<string>();
    for (;;) {
      // One query keeps its filter while it pages; a restart (past the search window) filters from the last stamp.
      const queryFrom = from;
      const skip = new Set(seenAtFrom);
      let after: string | undefined;
      let fetched = 0;
      let restart = false;
      for (;;) {
        const response = await this.session.search((sdk) =>
          sdk.crm.objects.searchApi.doSearch(type, {
            filterGroups: queryFrom
              ? [{ filters: [{ propertyName: stampField, operator: 'GTE', value: String(Date.parse(queryFrom)) }] }]
              : [],
            sorts: [stampField],
            properties,
            limit,
            ...(after ? { after } : {}),
          } as unknown as Parameters<typeof sdk.crm.objects.searchApi.doSearch>[1]),
        );
        fetched += response.results.length;
        const records = (response.results as HubSpotObject[])
          .map((row) => this.toRecord(object, row))
          .filter((record) => !(record.modifiedAt === queryFrom && skip.has(record.crmId)));
        for (const record of records) {
          if (record.modifiedAt !== from) seenAtFrom = new Set();
          from = record.modifiedAt;
          seenAtFrom.add(record.crmId);
        }
        if (object === 'deal' && records.length > 0) await this.attachDealLinks(records);
        if (records.length > 0) yield { records, cursor: from };
        const next = response.paging?.next?.after;
        if (!next) return;
        if (fetched + limit > SEARCH_WINDOW) {
          restart = true;
          break;
        }
        after = next;
      }
      if (!restart) return;
    }
  }

  /** Deals name their contacts and companies only through associations. */
  private async attachDealLinks(records: CrmRecord[]): Promise<void> {
    for (const to of ['contacts', 'companies'] as const) {
      const response = await this.session.call((sdk) =>
        sdk.crm.associations.v4.batchApi.getPage('deals', to, { inputs: records.map((r) => ({ id: r.crmId })) }),
      );
      const byDeal = new Map(
        response.results.map((row) => [String(row._from.id), row.to.map((t) => String(t.toObjectId))]),
      );
      for (const record of records) {
        record.related ??= {};
        record.related[to === 'contacts' ? 'contact' : 'company'] = byDeal.get(record.crmId) ?? [];
      }
    }
  }

  /** HubSpot only lists every archived record (kept 90 days): a scan, so a few times a day. */
  readonly deletionCheckMs = 6 * 3600_000;

  async *listDeleted(object: CrmObject, since: Date, until: Date): AsyncIterable<string[]> {
    for (const type of objectTypes(object)) {
      let after: string | undefined;
      for (;;) {
        const page = await this.session.call((sdk) =>
          sdk.crm.objects.basicApi.getPage(type, ARCHIVE_PAGE, after, ['hs_object_id'], undefined, undefined, true),
        );
        const ids = page.results
          .filter((row) => {
            const at = row.archivedAt ? new Date(row.archivedAt).getTime() : Number.NaN;
            return !(at < since.getTime() || at > until.getTime());
          })
          .map((row) => row.id);
        if (ids.length > 0) yield ids;
        after = page.paging?.next?.after;
        if (!after) break;
      }
    }
  }

  async getRecords(object: CrmObject, crmIds: string[], fields: string[]): Promise<CrmRecord[]> {
    const type = hubspotObjectName(object);
    const properties = [...new Set([...fields, modifiedField(object)])];
    const out: CrmRecord[] = [];
    for (let start = 0; start < crmIds.length; start += BATCH) {
      const inputs = crmIds.slice(start, start + BATCH).map((id) => ({ id }));
      const response = await this.session.call((sdk) =>
        sdk.crm.objects.batchApi.read(type, { inputs, properties, propertiesWithHistory: [] }),
      );
      out.push(...(response.results as HubSpotObject[]).map((row) => this.toRecord(object, row)));
    }
    if (object === 'deal' && out.length > 0) await this.attachDealLinks(out);
    return out;
  }

  /**
   * Batch updates of 100. A batch HubSpot answers with 207 names the records that failed; only those are
   * reported as failed, so a retry sends them alone and the rest are not written twice.
   */
  async updateRecords(updates: RecordUpdate[]): Promise<UpdateOutcome[]> {
    const outcomes = new Map<RecordUpdate, UpdateOutcome>();
    const byObject = groupByObject(updates);
    for (const [object, group] of byObject) {
      const type = hubspotObjectName(object);
      const batches: RecordUpdate[][] = [];
      for (let start = 0; start < group.length; start += BATCH) batches.push(group.slice(start, start + BATCH));
      // Sent side by side: the session's limiter keeps them within the account's rate.
      const results = await Promise.all(batches.map((batch) => this.updateBatch(type, batch)));
      batches.forEach((batch, i) => batch.forEach((update, j) => outcomes.set(update, results[i]![j]!)));
    }
    // In the order asked, as the port promises.
    return updates.map((update) => outcomes.get(update)!);
  }

  private async updateBatch(type: string, batch: RecordUpdate[]): Promise<UpdateOutcome[]> {
    const inputs = batch.map((update) => ({
      id: update.crmId,
      properties: Object.fromEntries(
        Object.entries(update.fields).map(([name, value]) => [name, value === null ? '' : String(value)]),
      ),
    }));
    try {
      const response = await this.session.call((sdk) => sdk.crm.objects.batchApi.update(type, { inputs }));
      const failed = new Map<string, string>();
      for (const error of (response as { errors?: BatchError[] }).errors ?? [])
        for (const id of error.context?.ids ?? []) failed.set(id, error.message);
      return batch.map((update) => {
        const error = failed.get(update.crmId);
        return error
          ? { crmId: update.crmId, ok: false, error, retryable: true }
          : { crmId: update.crmId, ok: true, retryable: false };
      });
    } catch (error) {
      const code = (error as { code?: number }).code;
      // A 400 for the whole batch (an unknown property, a bad value) will fail again as sent.
      if (code === 400 || code === 404)
        return batch.map((update) => ({ crmId: update.crmId, ok: false, error: messageOf(error), retryable: false }));
      throw error;
    }
  }

  async setOwner(object: CrmObject, crmId: string, ownerCrmId: string): Promise<void> {
    await this.session.call((sdk) =>
      sdk.crm.objects.basicApi.update(hubspotObjectName(object), crmId, {
        properties: { hubspot_owner_id: ownerCrmId },
      }),
    );
  }

  async createTask(task: CrmTaskInput): Promise<string> {
    const properties: Record<string, string> = {
      hs_task_subject: task.subject,
      hs_task_body: task.body,
      hs_task_status: 'NOT_STARTED',
      hs_timestamp: (task.dueAt ?? new Date()).toISOString(),
    };
    if (task.ownerCrmId) properties.hubspot_owner_id = task.ownerCrmId;
    return this.createEngagement('tasks', task, properties);
  }

  async createNote(note: Omit<CrmTaskInput, 'dueAt' | 'ownerCrmId'>): Promise<string> {
    const properties = {
      hs_note_body: `<strong>${escapeHtml(note.subject)}</strong><br>${escapeHtml(note.body)}`,
      hs_timestamp: new Date().toISOString(),
    };
    return this.createEngagement('notes', note, properties);
  }

  /** Notes and tasks are created already associated with their record (HubSpot-defined association types). */
  private async createEngagement(
    type: 'tasks' | 'notes',
    target: { object: CrmObject; crmId: string },
    properties: Record<string, string>,
  ): Promise<string> {
    const associationTypeId = ENGAGEMENT_ASSOCIATIONS[type][hubspotObjectName(target.object)];
    if (associationTypeId === undefined) throw new Error(`HubSpot ${type} cannot be attached to ${target.object}`);
    const created = await this.session.call((sdk) =>
      sdk.crm.objects.basicApi.create(type, {
        properties,
        associations: [
          {
            to: { id: target.crmId },
            types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId }],
          },
        ],
      } as unknown as Parameters<typeof sdk.crm.objects.basicApi.create>[1]),
    );
    return created.id;
  }

  /** HubSpot has no event bus for app cards: they long-poll the backend instead. */
  async publishCallEvent(_event: CallEvent): Promise<boolean> {
    return false;
  }

  async listUsers(): Promise<CrmUser[]> {
    const users: CrmUser[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await this.session.call((sdk) => sdk.crm.owners.ownersApi.getPage(undefined, after, 500, false));
      for (const owner of page.results)
        users.push({
          crmUserId: String(owner.id),
          email: owner.email ?? '',
          name: [owner.firstName, owner.lastName].filter(Boolean).join(' '),
        });
      after = page.paging?.next?.after;
      if (!after) return users;
    }
  }

  async describeFields(object: CrmObject): Promise<CrmField[]> {
    const response = await this.session.call((sdk) => sdk.crm.properties.coreApi.getAll(hubspotObjectName(object)));
    return response.results.map((property) => ({
      name: property.name,
      label: property.label,
      type: property.type,
      custom: !property.hubspotDefined,
      updateable: !(property.modificationMetadata?.readOnlyValue ?? false),
    }));
  }
}

interface BatchError {
  message: string;
  context?: { ids?: string[] };
}

function messageOf(error: unknown): string {
  const body = (error as { body?: { message?: string } }).body;
  return body?.message ?? (error as Error).message;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
