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
const ASSOCIATION_BATCH = 1000;

interface HubSpotObject {
  id: string;
  properties: Record<string, string | null>;
  updatedAt: Date;
  archived?: boolean;
}

export function hubspotObjectName(object: CrmObject): string {
  // Touches span three object types: callers go through objectTypes().
  const name = object === 'activity' ? undefined : HUBSPOT_MAPPING.objects[object]?.name;
  if (!name) throw new Error(`HubSpot has no ${object} object in the sync`);
  return name;
}

/** HubSpot-defined association types from notes and tasks to the records they are about. */
const ENGAGEMENT_ASSOCIATIONS: Record<'notes' | 'tasks', Record<string, number>> = {
  notes: { contacts: 202, companies: 190, deals: 214 },
  tasks: { contacts: 204, companies: 192, deals: 216 },
};

/** The HubSpot object types behind one kind of record: touches are three kinds of engagement. */
function objectTypes(object: CrmObject): string[] {
  return object === 'activity' ? [...ENGAGEMENT_TYPES] : [hubspotObjectName(object)];
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
   * Changed records, oldest first. Touches are calls, e-mails and meetings, each searched in turn; their cursor
   * holds one stamp per engagement type (`{"calls": "…", …}`), so each resumes where it stopped.
   */
  async *listChanged(
    object: CrmObject,
    cursor: string | null,
    options: { fields: string[]; pageSize?: number },
  ): AsyncIterable<ChangePage> {
    const limit = Math.min(options.pageSize ?? SEARCH_PAGE, SEARCH_PAGE);
    if (object !== 'activity') {
      const properties = [...new Set([...options.fields, modifiedField(object)])];
      for await (const page of this.search(object, hubspotObjectName(object), properties, cursor, limit)) {
        if (object === 'deal') await this.attachDealLinks(page.records);
        yield page;
      }
      return;
    }
    const stamps = parseEngagementCursor(cursor);
    for (const type of ENGAGEMENT_TYPES)
      for await (const page of this.search(object, type, ENGAGEMENT_PROPERTIES[type], stamps[type] ?? null, limit)) {
        if (page.cursor) stamps[type] = page.cursor;
        yield { records: await this.asTouches(type, page.records), cursor: JSON.stringify(stamps) };
      }
  }

  /**
   * Searches one object type by last-modified stamp, oldest first. The cursor is the stamp of the last record
   * handed out; a restarted query asks for stamps at or after it and drops the records already handed out at that
   * very stamp, so records sharing a millisecond across a page or window boundary are neither lost nor repeated.
   */
  private async *search(
    object: CrmObject,
    type: string,
    properties: string[],
    cursor: string | null,
    limit: number,
  ): AsyncIterable<ChangePage> {
    const stampField = modifiedField(object);
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

  /**
   * Engagements as touches: the adapter's uniform view (type, subject, direction, outcome) beside HubSpot's own
   * properties, and the contacts each is associated with.
   */
  private async asTouches(type: EngagementType, records: CrmRecord[]): Promise<CrmRecord[]> {
    const contacts = await this.associated(type, 'contacts', records);
    return records.map((record) => ({
      ...record,
      fields: { ...record.fields, ...touchFields(type, record.fields) },
      related: { contact: contacts.get(record.crmId) ?? [] },
    }));
  }

  /** Associated record ids, by record, in one batch call per 1,000 records. */
  private async associated(from: string, to: string, records: CrmRecord[]): Promise<Map<string, string[]>> {
    const links = new Map<string, string[]>();
    for (let start = 0; start < records.length; start += ASSOCIATION_BATCH) {
      const inputs = records.slice(start, start + ASSOCIATION_BATCH).map((r) => ({ id: r.crmId }));
      const response = await this.session.call((sdk) => sdk.crm.associations.v4.batchApi.getPage(from, to, { inputs }));
      for (const row of response.results)
        links.set(
          String(row._from.id),
          row.to.map((t) => String(t.toObjectId)),
        );
    }
    return links;
  }

  /** Deals name their contacts and companies only through associations. */
  private async attachDealLinks(records: CrmRecord[]): Promise<void> {
    if (records.length === 0) return;
    const contacts = await this.associated('deals', 'contacts', records);
    const companies = await this.associated('deals', 'companies', records);
    for (const record of records)
      record.related = { contact: contacts.get(record.crmId) ?? [], company: companies.get(record.crmId) ?? [] };
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
    if (object !== 'activity') {
      const properties = [...new Set([...fields, modifiedField(object)])];
      const out = await this.batchRead(object, hubspotObjectName(object), crmIds, properties);
      if (object === 'deal') await this.attachDealLinks(out);
      return out;
    }
    // An engagement id names no type: each type is asked, and the ones it does not have come back as misses.
    const out: CrmRecord[] = [];
    for (const type of ENGAGEMENT_TYPES) {
      const found = await this.batchRead(object, type, crmIds, ENGAGEMENT_PROPERTIES[type]);
      out.push(...(await this.asTouches(type, found)));
    }
    return out;
  }

  private async batchRead(object: CrmObject, type: string, crmIds: string[], properties: string[]) {
    const out: CrmRecord[] = [];
    for (let start = 0; start < crmIds.length; start += BATCH) {
      const inputs = crmIds.slice(start, start + BATCH).map((id) => ({ id }));
      const response = await this.session.call((sdk) =>
        sdk.crm.objects.batchApi.read(type, { inputs, properties, propertiesWithHistory: [] }),
      );
      out.push(...(response.results as HubSpotObject[]).map((row) => this.toRecord(object, row)));
    }
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
    if (object === 'activity') return TOUCH_FIELDS;
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

/** The engagements that count as touches. */
const ENGAGEMENT_TYPES = ['calls', 'emails', 'meetings'] as const;
type EngagementType = (typeof ENGAGEMENT_TYPES)[number];

const ENGAGEMENT_PROPERTIES: Record<EngagementType, string[]> = {
  calls: [
    'hs_timestamp',
    'hs_lastmodifieddate',
    'hs_call_title',
    'hs_call_direction',
    'hs_call_disposition',
    'hs_call_status',
  ],
  emails: ['hs_timestamp', 'hs_lastmodifieddate', 'hs_email_subject', 'hs_email_direction', 'hs_email_status'],
  meetings: ['hs_timestamp', 'hs_lastmodifieddate', 'hs_meeting_title', 'hs_meeting_outcome'],
};

/** The outcomes HubSpot defines for calls, by their fixed ids; a portal's own outcomes keep their id. */
const CALL_DISPOSITIONS: Record<string, string> = {
  '9d9162e7-6cf3-4944-bf63-4dff82258764': 'Busy',
  'f240bbac-87c9-4f6e-bf70-924b57d47db7': 'Connected',
  'a4c4c377-d246-4b32-a13b-75a56a4cd0ff': 'Left live message',
  'b2cf5968-551e-4856-9783-52b3da59a7d0': 'Left voicemail',
  '73a0d17f-1163-4015-bdd5-ec830791da20': 'No answer',
  '17b47fee-58de-441e-a44c-c6300d46f273': 'Wrong number',
};

/**
 * The touch view of an engagement, under the names the default mapping reads: HubSpot keeps each type's title,
 * direction and outcome in properties of its own.
 */
function touchFields(type: EngagementType, properties: Record<string, unknown>): Record<string, string | null> {
  const value = (name: string) =>
    typeof properties[name] === 'string' && properties[name] ? (properties[name] as string) : null;
  switch (type) {
    case 'calls': {
      const disposition = value('hs_call_disposition');
      return {
        type: 'call',
        subject: value('hs_call_title'),
        direction: value('hs_call_direction')?.toLowerCase() ?? null,
        outcome: disposition ? (CALL_DISPOSITIONS[disposition] ?? disposition) : value('hs_call_status'),
      };
    }
    case 'emails': {
      const direction = value('hs_email_direction');
      return {
        type: 'email',
        subject: value('hs_email_subject'),
        direction: direction === 'INCOMING_EMAIL' ? 'inbound' : direction ? 'outbound' : null,
        outcome: value('hs_email_status'),
      };
    }
    case 'meetings':
      return {
        type: 'meeting',
        subject: value('hs_meeting_title'),
        direction: null,
        outcome: value('hs_meeting_outcome'),
      };
  }
}

/** What the field mapping can name for touches in HubSpot: the adapter's uniform view of engagements. */
const TOUCH_FIELDS: CrmField[] = [
  ['type', 'Engagement type (call, email or meeting)'],
  ['subject', 'Call title, e-mail subject or meeting title'],
  ['direction', 'Direction (inbound or outbound)'],
  ['outcome', 'Call outcome, e-mail status or meeting outcome'],
  ['hs_timestamp', 'Activity date'],
].map(([name, label]) => ({
  name: name!,
  label: label!,
  type: name === 'hs_timestamp' ? 'datetime' : 'string',
  custom: false,
  updateable: false,
}));

function parseEngagementCursor(cursor: string | null): Partial<Record<EngagementType, string>> {
  if (!cursor) return {};
  try {
    const parsed = JSON.parse(cursor) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as Partial<Record<EngagementType, string>>) : {};
  } catch {
    return {};
  }
}
