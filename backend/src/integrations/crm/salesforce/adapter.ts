import { SALESFORCE_MAPPING } from '../default-mapping.ts';
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
import type { SalesforceSession } from './session.ts';

/** sObject Collections take 200 records per call. */
const COLLECTION = 200;
/** Above this many records of one object, one Bulk API 2.0 job costs fewer API calls than collections. */
export const BULK_THRESHOLD = 2000;
const QUERY_BATCH = 2000;
const IN_CLAUSE = 300;
/** Salesforce refuses a deleted-records window starting more than 30 days back. */
const REPLICATION_WINDOW_MS = 29 * 24 * 3600_000;

export const CALL_EVENT = 'SDR_Call_Event__e';

export function sobjectName(object: CrmObject): string {
  const name = SALESFORCE_MAPPING.objects[object]?.name;
  if (!name) throw new Error(`no Salesforce object for ${object}`);
  return name;
}

interface SalesforceRecord {
  Id: string;
  SystemModstamp?: string;
  IsDeleted?: boolean;
  attributes?: unknown;
  [field: string]: unknown;
}

/** A stored cursor: `<ISO stamp>|<record id>`; an id-less stamp resumes at that instant. */
function parseCursor(cursor: string | null): { stamp: string; id: string } | null {
  if (!cursor) return null;
  const [stamp, id] = cursor.split('|');
  const time = new Date(stamp ?? '');
  return Number.isNaN(time.getTime()) ? null : { stamp: time.toISOString(), id: id ?? '' };
}
const quote = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const stamp = (value: string | undefined) =>
  value ? new Date(value.replace(/\+0000$/, 'Z')).toISOString() : new Date(0).toISOString();

export class SalesforceCrm implements CrmPort {
  readonly provider = 'salesforce' as const;
  /** The connection under the port, for what goes beyond it (the change-event stream). */
  readonly session: SalesforceSession;
  private readonly bulkThreshold: number;

  constructor(session: SalesforceSession, options: { bulkThreshold?: number } = {}) {
    this.session = session;
    this.bulkThreshold = options.bulkThreshold ?? BULK_THRESHOLD;
  }

  apiUsage() {
    return this.session.apiUsage();
  }

  private toRecord(object: CrmObject, row: SalesforceRecord): CrmRecord {
    const { attributes: _attributes, ...fields } = row;
    return {
      object,
      crmId: row.Id,
      modifiedAt: stamp(row.SystemModstamp),
      deleted: row.IsDeleted === true,
      fields,
    };
  }

  /**
   * Keyset paging on (SystemModstamp, Id), oldest first, up to 2,000 records a page through `nextRecordsUrl`. The
   * cursor is the last record handed out, stamp and id, so a resumed sync starts right after it: records sharing a
   * stamp (a mass update commits thousands in one second) are neither skipped nor read twice.
   */
  async *listChanged(
    object: CrmObject,
    cursor: string | null,
    options: { fields: string[]; pageSize?: number },
  ): AsyncIterable<ChangePage> {
    const type = sobjectName(object);
    const fields = [...new Set(['Id', 'SystemModstamp', ...options.fields])];
    const after = parseCursor(cursor);
    const where = after
      ? ` WHERE SystemModstamp > ${after.stamp} OR (SystemModstamp = ${after.stamp} AND Id > ${quote(after.id)})`
      : '';
    const soql = `SELECT ${fields.join(', ')} FROM ${type}${where} ORDER BY SystemModstamp ASC, Id ASC`;
    const headers = { 'Sforce-Query-Options': `batchSize=${Math.min(options.pageSize ?? QUERY_BATCH, QUERY_BATCH)}` };
    let result = await this.session.call((conn) =>
      conn.request<QueryPage>({
        method: 'GET',
        url: `/services/data/v${conn.version}/query?q=${encodeURIComponent(soql)}`,
        headers,
      }),
    );
    for (;;) {
      const records = result.records.map((row) => this.toRecord(object, row));
      const last = records.at(-1);
      if (last) yield { records, cursor: `${last.modifiedAt}|${last.crmId}` };
      if (result.done || !result.nextRecordsUrl) return;
      const next = result.nextRecordsUrl;
      result = await this.session.call((conn) => conn.request<QueryPage>({ method: 'GET', url: next, headers }));
    }
  }

  /** Salesforce's replication resource answers for a window in one call; it looks back at most 30 days. */
  readonly deletionCheckMs = 60_000;

  async *listDeleted(object: CrmObject, since: Date, until: Date): AsyncIterable<string[]> {
    const type = sobjectName(object);
    const oldest = until.getTime() - REPLICATION_WINDOW_MS;
    const start = new Date(Math.max(since.getTime(), oldest)).toISOString();
    const end = until.toISOString();
    const result = await this.session.call((conn) =>
      conn.request<{ deletedRecords: { id: string }[] }>({
        method: 'GET',
        url: `/services/data/v${conn.version}/sobjects/${type}/deleted/?start=${encodeURIComponent(start)}&end=${encodeURIComponent(end)}`,
      }),
    );
    if (result.deletedRecords.length > 0) yield result.deletedRecords.map((record) => record.id);
  }

  async getRecords(object: CrmObject, crmIds: string[], fields: string[]): Promise<CrmRecord[]> {
    const type = sobjectName(object);
    const select = [...new Set(['Id', 'SystemModstamp', ...fields])].join(', ');
    const out: CrmRecord[] = [];
    for (let start = 0; start < crmIds.length; start += IN_CLAUSE) {
      const ids = crmIds
        .slice(start, start + IN_CLAUSE)
        .map(quote)
        .join(', ');
      const soql = `SELECT ${select} FROM ${type} WHERE Id IN (${ids})`;
      const page = await this.session.call((conn) =>
        conn.request<QueryPage>({
          method: 'GET',
          url: `/services/data/v${conn.version}/query?q=${encodeURIComponent(soql)}`,
        }),
      );
      out.push(...page.records.map((row) => this.toRecord(object, row)));
    }
    return out;
  }

  /**
   * Collections of 200 with `allOrNone: false`, so one bad record does not hold back the others and only the
   * failed ones are reported for a retry; above the bulk threshold, one Bulk API 2.0 job per object.
   */
  async updateRecords(updates: RecordUpdate[]): Promise<UpdateOutcome[]> {
    const outcomes = new Map<RecordUpdate, UpdateOutcome>();
    const byObject = groupByObject(updates);
    for (const [object, group] of byObject) {
      const type = sobjectName(object);
      if (group.length > this.bulkThreshold) {
        for (const [update, outcome] of await this.bulkUpdate(type, group)) outcomes.set(update, outcome);
        continue;
      }
      for (let start = 0; start < group.length; start += COLLECTION) {
        const batch = group.slice(start, start + COLLECTION);
        const records = batch.map((update) => ({ Id: update.crmId, ...update.fields }));
        const results = await this.session.call((conn) => conn.sobject(type).update(records, { allOrNone: false }));
        results.forEach((result, index) => {
          const update = batch[index]!;
          outcomes.set(update, saveOutcome(update.crmId, result));
        });
      }
    }
    return updates.map((update) => outcomes.get(update)!);
  }

  private async bulkUpdate(type: string, group: RecordUpdate[]): Promise<Map<RecordUpdate, UpdateOutcome>> {
    const records = group.map((update) => ({ Id: update.crmId, ...update.fields }));
    const results = await this.session.call((conn) =>
      conn.bulk2.loadAndWaitForResults({ object: type, operation: 'update', input: records, pollTimeout: 600_000 }),
    );
    const failed = new Map<string, string>();
    for (const row of results.failedResults)
      failed.set(String(row.sf__Id || (row as Record<string, unknown>).Id), String(row.sf__Error));
    const unprocessedRows = Array.isArray(results.unprocessedRecords) ? results.unprocessedRecords : [];
    const unprocessed = new Set(unprocessedRows.map((row) => String((row as { Id?: string }).Id)));
    return new Map<RecordUpdate, UpdateOutcome>(
      group.map((update): [RecordUpdate, UpdateOutcome] => {
        const error = failed.get(update.crmId);
        if (error) return [update, { crmId: update.crmId, ok: false, error, retryable: isRetryable(error) }];
        if (unprocessed.has(update.crmId))
          return [update, { crmId: update.crmId, ok: false, error: 'not processed by the bulk job', retryable: true }];
        return [update, { crmId: update.crmId, ok: true, retryable: false }];
      }),
    );
  }

  async setOwner(object: CrmObject, crmId: string, ownerCrmId: string): Promise<void> {
    const [outcome] = await this.updateRecords([{ object, crmId, fields: { OwnerId: ownerCrmId } }]);
    if (!outcome?.ok) throw new Error(`Salesforce refused the new owner: ${outcome?.error}`);
  }

  async createTask(task: CrmTaskInput): Promise<string> {
    return this.createActivity(task, {
      Subject: task.subject.slice(0, 255),
      Description: task.body,
      Status: 'Not Started',
      ...(task.dueAt ? { ActivityDate: task.dueAt.toISOString().slice(0, 10) } : {}),
      ...(task.ownerCrmId ? { OwnerId: task.ownerCrmId } : {}),
    });
  }

  /** Logged as a completed task: it shows in the record's activity history, where reps look. */
  async createNote(note: Omit<CrmTaskInput, 'dueAt' | 'ownerCrmId'>): Promise<string> {
    return this.createActivity(note, {
      Subject: note.subject.slice(0, 255),
      Description: note.body,
      Status: 'Completed',
    });
  }

  private async createActivity(target: { object: CrmObject; crmId: string }, fields: Record<string, unknown>) {
    // People (leads, contacts) are the task's Who; accounts and opportunities its What.
    const link =
      target.object === 'lead' || target.object === 'contact' ? { WhoId: target.crmId } : { WhatId: target.crmId };
    const result = await this.session.call((conn) => conn.sobject('Task').create({ ...link, ...fields }));
    if (!result.success) throw new Error(`Salesforce refused the task: ${JSON.stringify(result.errors)}`);
    return result.id;
  }

  async publishCallEvent(event: CallEvent): Promise<boolean> {
    const result = await this.session.call((conn) =>
      conn.sobject(CALL_EVENT).create({
        Call_Id__c: event.callId,
        Event_Type__c: event.state,
        Record_Id__c: event.recordCrmId,
        Payload__c: JSON.stringify({ ownerId: event.ownerCrmId }),
      }),
    );
    return result.success;
  }

  async listUsers(): Promise<CrmUser[]> {
    const users: CrmUser[] = [];
    const soql = 'SELECT Id, Email, FirstName, LastName FROM User WHERE IsActive = true ORDER BY Id';
    let page = await this.session.call((conn) =>
      conn.request<QueryPage>({
        method: 'GET',
        url: `/services/data/v${conn.version}/query?q=${encodeURIComponent(soql)}`,
      }),
    );
    for (;;) {
      for (const row of page.records)
        users.push({
          crmUserId: row.Id,
          email: String(row.Email ?? ''),
          name: [row.FirstName, row.LastName].filter(Boolean).join(' '),
        });
      if (page.done || !page.nextRecordsUrl) return users;
      const next = page.nextRecordsUrl;
      page = await this.session.call((conn) => conn.request<QueryPage>({ method: 'GET', url: next }));
    }
  }

  async describeFields(object: CrmObject): Promise<CrmField[]> {
    const described = await this.session.call((conn) => conn.sobject(sobjectName(object)).describe());
    return described.fields.map((field) => ({
      name: field.name,
      label: field.label,
      type: field.type,
      custom: field.custom,
      updateable: field.updateable,
    }));
  }
}

interface QueryPage {
  records: SalesforceRecord[];
  done: boolean;
  nextRecordsUrl?: string;
  totalSize: number;
}

interface SaveResultLike {
  success: boolean;
  errors?: { statusCode?: string; errorCode?: string; message: string; fields?: string[] }[];
}

/** Errors that will fail again as sent: a missing or read-only field, a deleted record, a validation rule. */
const PERMANENT =
  /INVALID_FIELD|ENTITY_IS_DELETED|INVALID_CROSS_REFERENCE_KEY|FIELD_CUSTOM_VALIDATION_EXCEPTION|INVALID_TYPE|NOT_FOUND|INSUFFICIENT_ACCESS|STRING_TOO_LONG|INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST/;

function isRetryable(error: string): boolean {
  return !PERMANENT.test(error);
}

function saveOutcome(crmId: string, result: SaveResultLike): UpdateOutcome {
  if (result.success) return { crmId, ok: true, retryable: false };
  const errors = result.errors ?? [];
  const text = errors.map((e) => `${e.statusCode ?? e.errorCode}: ${e.message}`).join('; ') || 'refused';
  return { crmId, ok: false, error: text, retryable: isRetryable(text) };
}
