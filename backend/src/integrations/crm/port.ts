/**
 * What the suite needs from a CRM, whichever it is. Adapters speak their CRM's API and hand back records with their
 * CRM field names untouched; turning those into the suite's leads, companies, deals and touches is the field
 * mapping's job (`field-mapping.ts`), so an admin's mapping applies the same way to every CRM.
 */

/**
 * The kinds of record the suite reads. Salesforce: Lead, Contact, Account, Opportunity, Task. HubSpot: contacts,
 * companies and deals.
 */
export type CrmObject = 'lead' | 'contact' | 'company' | 'deal' | 'activity';
export const CRM_OBJECTS: readonly CrmObject[] = ['company', 'lead', 'contact', 'deal', 'activity'];

export interface CrmRecord {
  object: CrmObject;
  crmId: string;
  /** ISO time of the record's last change in the CRM: what the sync's cursor advances over. */
  modifiedAt: string;
  deleted: boolean;
  /** Field values by CRM field name, as the CRM returned them. */
  fields: Record<string, unknown>;
  /** Related records by object (HubSpot associations; Salesforce lookups are plain fields). */
  related?: Partial<Record<CrmObject, string[]>>;
}

export interface ChangePage {
  records: CrmRecord[];
  /** Where the next sync of this object starts once this page is stored. */
  cursor: string | null;
}

/** One record's new values, by CRM field name. */
export interface RecordUpdate {
  object: CrmObject;
  crmId: string;
  fields: Record<string, string | number | boolean | null>;
}

export interface UpdateOutcome {
  crmId: string;
  ok: boolean;
  /** The CRM's own words, for the admin. */
  error?: string;
  /** False when sending the same values again cannot succeed (a missing field, a deleted record). */
  retryable: boolean;
}

export interface CrmField {
  name: string;
  label: string;
  type: string;
  custom: boolean;
  updateable: boolean;
}

export interface CrmTaskInput {
  object: CrmObject;
  crmId: string;
  subject: string;
  body: string;
  dueAt?: Date;
  ownerCrmId?: string;
}

export interface CallEvent {
  callId: string;
  state: 'started' | 'ended';
  recordCrmId: string | null;
  ownerCrmId: string | null;
}

/** A CRM user who can own records: matched to the SDR roster by e-mail. */
export interface CrmUser {
  crmUserId: string;
  email: string;
  name: string;
}

export interface ApiUsage {
  used: number;
  max: number;
}

export interface CrmPort {
  readonly provider: 'salesforce' | 'hubspot';
  /** Records of one kind changed after `cursor` (null: all of them), oldest first, a page at a time. */
  listChanged(
    object: CrmObject,
    cursor: string | null,
    options: { fields: string[]; pageSize?: number },
  ): AsyncIterable<ChangePage>;
  /**
   * CRM ids of records of one kind deleted between two instants (Salesforce: to the recycle bin, or merged away;
   * HubSpot: archived), a page at a time. Overlapping windows are fine: removing twice removes nothing more.
   */
  listDeleted(object: CrmObject, since: Date, until: Date): AsyncIterable<string[]>;
  /**
   * How often the sync asks for deletions. Salesforce answers in one call per object; HubSpot only lists every
   * archived record, so it is asked rarely and its deletion webhooks carry the news meanwhile.
   */
  readonly deletionCheckMs: number;
  getRecords(object: CrmObject, crmIds: string[], fields: string[]): Promise<CrmRecord[]>;
  /** Writes score fields (or any mapped fields) in as few calls as the CRM allows; one outcome per update, in order. */
  updateRecords(updates: RecordUpdate[]): Promise<UpdateOutcome[]>;
  setOwner(object: CrmObject, crmId: string, ownerCrmId: string): Promise<void>;
  createTask(task: CrmTaskInput): Promise<string>;
  createNote(note: Omit<CrmTaskInput, 'dueAt' | 'ownerCrmId'>): Promise<string>;
  /** A low-rate event for the CRM's own components (a Platform Event in Salesforce); false where there is none. */
  publishCallEvent(event: CallEvent): Promise<boolean>;
  describeFields(object: CrmObject): Promise<CrmField[]>;
  /** Active users (Salesforce) or owners (HubSpot). */
  listUsers(): Promise<CrmUser[]>;
  /** The org's API calls used and allowed today, as last reported by the CRM; null until known. */
  apiUsage(): ApiUsage | null;
}

/** Updates by kind of record, in the order given: both CRMs write one kind per call. */
export function groupByObject(updates: RecordUpdate[]): Map<CrmObject, RecordUpdate[]> {
  const groups = new Map<CrmObject, RecordUpdate[]>();
  for (const update of updates) {
    const group = groups.get(update.object) ?? [];
    group.push(update);
    groups.set(update.object, group);
  }
  return groups;
}

/** The CRM refused the credentials and refreshing them did not help: an admin has to reconnect. */
export class CrmAuthError extends Error {}

/** The CRM's daily API allowance is spent: syncing stops until it resets, rather than hammering the CRM. */
export class CrmDailyLimitError extends Error {}
