import { randomUUID } from 'node:crypto';
import { coerceFieldValue, jsonTypeMessage } from './field-values.ts';
import { RequestError, recordError } from './errors.ts';
import type { RecordError } from './errors.ts';
import type { FieldDefinition, ObjectDefinition, Schema } from './schema.ts';
import { IdAllocator, toId18 } from './salesforce-ids.ts';
import { formatDateTime } from './timestamps.ts';

/**
 * The org's data. Every write is planned first (validated against the schema, nothing changed) and then
 * committed, so an all-or-none request can refuse the lot after looking at every record. Committing stamps the
 * records with SystemModstamp values that strictly increase across the org, then tells the change listeners.
 */

export type SObjectRecord = Record<string, unknown>;

export interface StoredRecord {
  object: ObjectDefinition;
  values: SObjectRecord;
  deletedAt: number | null;
}

export interface RecordChange {
  entityName: string;
  changeType: 'CREATE' | 'UPDATE' | 'DELETE';
  recordIds: string[];
  /** For UPDATE, the fields whose value changed, LastModifiedDate always among them; empty otherwise. */
  changedFields: string[];
  /** The commit's SystemModstamp, in epoch milliseconds. */
  commitTimestamp: number;
  /**
   * What a change event carries: every non-null field for CREATE, the changed fields' new values for UPDATE,
   * nothing for DELETE. Never Id (it is in recordIds), IsDeleted or SystemModstamp.
   */
  record: SObjectRecord;
  /** The id of the user who made the change. */
  commitUser: string;
}

export interface PublishedEvent {
  type: string;
  id: string;
  replayId: number;
  eventUuid: string;
  createdDate: string;
  /** Every field of the event message, system fields included. */
  payload: SObjectRecord;
}

/**
 * Who writes and how the values arrive: `json` (REST: a value of the wrong type fails the whole request), `csv`
 * (Bulk API: it fails the row) or `trusted` (the test itself, which may also set audit and read-only fields).
 */
export interface WriteContext {
  actorId: string;
  channel: 'json' | 'csv' | 'trusted';
}

export type WritePlan =
  | { kind: 'create'; object: ObjectDefinition; values: SObjectRecord }
  | { kind: 'update'; object: ObjectDefinition; id: string; values: SObjectRecord }
  | { kind: 'delete'; object: ObjectDefinition; id: string };

export type Planned = { ok: true; plan: WritePlan } | { ok: false; id?: string; errors: RecordError[] };

export interface Committed {
  id: string;
  created: boolean;
  /** For a platform event: the UUID Salesforce reports with OPERATION_ENQUEUED. */
  eventUuid?: string;
}

interface InjectedFailure {
  error: RecordError;
  remaining: number;
}

export interface RecordStoreOptions {
  clock: () => number;
  /** A write naming an undeclared `__c` field declares it (text, number or checkbox) instead of failing. */
  acceptUndeclaredCustomFields: boolean;
  /** When true, every record of one transaction gets the same SystemModstamp, as in a real org. */
  sharedTransactionStamps: boolean;
}

// Not even a test may set these: SystemModstamp is what keeps incremental sync honest.
const PROTECTED_FIELDS = new Set(['Id', 'IsDeleted', 'SystemModstamp']);

export class RecordStore {
  readonly #schema: Schema;
  readonly #ids = new IdAllocator();
  readonly #options: RecordStoreOptions;
  readonly #records = new Map<string, StoredRecord>();
  readonly #byObject = new Map<string, string[]>();
  readonly #failures = new Map<string, InjectedFailure>();
  readonly #changeListeners: ((change: RecordChange) => void)[] = [];
  readonly #eventListeners: ((event: PublishedEvent) => void)[] = [];
  readonly publishedEvents: PublishedEvent[] = [];
  #lastStamp = 0;
  #replayId = 0;

  constructor(schema: Schema, options: RecordStoreOptions) {
    this.#schema = schema;
    this.#options = options;
  }

  onChange(listener: (change: RecordChange) => void): () => void {
    return subscribe(this.#changeListeners, listener);
  }

  onPublish(listener: (event: PublishedEvent) => void): () => void {
    return subscribe(this.#eventListeners, listener);
  }

  get(id: string): StoredRecord | undefined {
    const id18 = toId18(id);
    return id18 ? this.#records.get(id18) : undefined;
  }

  /** Every record of the object, deleted ones included, in the order they were created. */
  list(object: ObjectDefinition): StoredRecord[] {
    return (this.#byObject.get(object.name) ?? []).map((id) => this.#records.get(id)!);
  }

  /** The id the next record of the object will get. */
  peekId(object: ObjectDefinition): string {
    return this.#ids.peek(object.keyPrefix);
  }

  /**
   * A record the org is born with, under an id of its own (the Organization's id is the org id): stored as is,
   * with its audit fields, and without a change event, as nothing changed.
   */
  seed(object: ObjectDefinition, id: string, input: SObjectRecord, actorId: string): void {
    const at = formatDateTime(this.nextStamp());
    const values: SObjectRecord = {};
    for (const field of object.fields) {
      values[field.name] = field.type === 'boolean' ? (field.defaultValue ?? false) : field.defaultValue;
    }
    Object.assign(values, input, {
      Id: id,
      CreatedDate: at,
      CreatedById: actorId,
      LastModifiedDate: at,
      LastModifiedById: actorId,
      SystemModstamp: at,
    });
    this.#records.set(id, { object, values, deletedAt: null });
    this.#byObject.set(object.name, [...(this.#byObject.get(object.name) ?? []), id]);
  }

  failRecord(id: string, error: RecordError, times: number): void {
    const id18 = toId18(id);
    if (!id18) throw new Error(`Not a Salesforce id: ${id}`);
    this.#failures.set(id18, { error, remaining: times });
  }

  /** A fresh SystemModstamp: the clock, or one millisecond past the last stamp when the clock has not moved on. */
  nextStamp(): number {
    this.#lastStamp = Math.max(this.#options.clock(), this.#lastStamp + 1);
    return this.#lastStamp;
  }

  planCreate(object: ObjectDefinition, input: SObjectRecord, context: WriteContext): Planned {
    const resolved = this.#resolve(object, input, context, 'create');
    if (!resolved.ok) return resolved;
    const values: SObjectRecord = {};
    for (const field of object.fields) {
      values[field.name] = field.type === 'boolean' ? (field.defaultValue ?? false) : field.defaultValue;
    }
    if ('OwnerId' in values) values.OwnerId = context.actorId;
    Object.assign(values, resolved.values);
    const missing = object.fields.filter(
      (f) => f.createable && !f.nillable && !f.defaultedOnCreate && (values[f.name] === null || values[f.name] === ''),
    );
    if (missing.length > 0 && context.channel !== 'trusted') {
      const names = missing.map((f) => f.name);
      return {
        ok: false,
        errors: [recordError('REQUIRED_FIELD_MISSING', `Required fields are missing: [${names.join(', ')}]`, names)],
      };
    }
    return { ok: true, plan: { kind: 'create', object, values } };
  }

  planUpdate(object: ObjectDefinition, id: string, input: SObjectRecord, context: WriteContext): Planned {
    const target = this.#target(object, id);
    if (!target.ok) return target;
    const resolved = this.#resolve(object, input, context, 'update');
    if (!resolved.ok) return { ...resolved, id: target.id };
    const cleared = Object.keys(resolved.values).filter((name) => {
      const field = this.#schema.field(object, name)!;
      return !field.nillable && field.type !== 'boolean' && resolved.values[name] === null;
    });
    if (cleared.length > 0 && context.channel !== 'trusted') {
      return {
        ok: false,
        id: target.id,
        errors: [
          recordError('REQUIRED_FIELD_MISSING', `Required fields are missing: [${cleared.join(', ')}]`, cleared),
        ],
      };
    }
    const injected = this.#injectedFailure(target.id);
    if (injected) return { ok: false, id: target.id, errors: [injected] };
    return { ok: true, plan: { kind: 'update', object, id: target.id, values: resolved.values } };
  }

  planDelete(object: ObjectDefinition, id: string): Planned {
    const target = this.#target(object, id);
    if (!target.ok) return target;
    if (!object.deletable) {
      return {
        ok: false,
        id: target.id,
        errors: [recordError('INVALID_TYPE_FOR_OPERATION', 'entity type cannot be deleted')],
      };
    }
    const injected = this.#injectedFailure(target.id);
    if (injected) return { ok: false, id: target.id, errors: [injected] };
    return { ok: true, plan: { kind: 'delete', object, id: target.id } };
  }

  /** Applies planned writes in order, then tells the listeners; nothing here can fail. */
  commit(plans: WritePlan[], actorId: string): Committed[] {
    const shared = this.#options.sharedTransactionStamps ? this.nextStamp() : null;
    const changes: RecordChange[] = [];
    const events: PublishedEvent[] = [];
    const results = plans.map((plan): Committed => {
      const stamp = shared ?? this.nextStamp();
      const at = formatDateTime(stamp);
      if (plan.kind === 'create' && plan.object.kind === 'platformEvent') {
        const event = this.#publish(plan.object, plan.values, at, actorId);
        events.push(event);
        return { id: event.id, created: true, eventUuid: event.eventUuid };
      }
      if (plan.kind === 'create') {
        const id = this.#ids.next(plan.object.keyPrefix);
        const values: SObjectRecord = {
          ...plan.values,
          Id: id,
          CreatedDate: plan.values.CreatedDate ?? at,
          CreatedById: plan.values.CreatedById ?? actorId,
          LastModifiedDate: plan.values.LastModifiedDate ?? plan.values.CreatedDate ?? at,
          LastModifiedById: plan.values.LastModifiedById ?? actorId,
          SystemModstamp: at,
        };
        if ('IsDeleted' in values) values.IsDeleted = false;
        derive(plan.object, values, null, at);
        this.#records.set(id, { object: plan.object, values, deletedAt: null });
        const list = this.#byObject.get(plan.object.name) ?? [];
        list.push(id);
        this.#byObject.set(plan.object.name, list);
        changes.push(change(plan.object, 'CREATE', id, [], stamp, nonNull(values), actorId));
        return { id, created: true };
      }
      const stored = this.#records.get(plan.id)!;
      if (plan.kind === 'delete') {
        stored.values = { ...stored.values, IsDeleted: true, SystemModstamp: at };
        stored.deletedAt = stamp;
        changes.push(change(plan.object, 'DELETE', plan.id, [], stamp, {}, actorId));
        return { id: plan.id, created: false };
      }
      const before = stored.values;
      const values: SObjectRecord = {
        ...before,
        ...plan.values,
        LastModifiedDate: plan.values.LastModifiedDate ?? at,
        LastModifiedById: plan.values.LastModifiedById ?? actorId,
        SystemModstamp: at,
      };
      derive(plan.object, values, before, at);
      stored.values = values;
      const changed = Object.keys(values).filter(
        (name) => !UNREPORTED_FIELDS.has(name) && values[name] !== before[name],
      );
      if (!changed.includes('LastModifiedDate')) changed.push('LastModifiedDate');
      const record = Object.fromEntries(changed.map((name) => [name, values[name] ?? null]));
      changes.push(change(plan.object, 'UPDATE', plan.id, changed, stamp, record, actorId));
      return { id: plan.id, created: false };
    });
    for (const c of changes) for (const listener of [...this.#changeListeners]) listener(c);
    for (const e of events) for (const listener of [...this.#eventListeners]) listener(e);
    return results;
  }

  #publish(object: ObjectDefinition, values: SObjectRecord, at: string, actorId: string): PublishedEvent {
    const id = this.#ids.next(object.keyPrefix);
    const replayId = ++this.#replayId;
    const eventUuid = randomUUID();
    const payload: SObjectRecord = {
      ...values,
      Id: id,
      ReplayId: String(replayId),
      EventUuid: eventUuid,
      CreatedDate: at,
      CreatedById: actorId,
    };
    const event: PublishedEvent = { type: object.name, id, replayId, eventUuid, createdDate: at, payload };
    this.publishedEvents.push(event);
    return event;
  }

  #target(
    object: ObjectDefinition,
    id: string,
  ): { ok: true; id: string; record: StoredRecord } | { ok: false; id?: string; errors: RecordError[] } {
    const id18 = toId18(id);
    if (!id18 || id18.slice(0, 3) !== object.keyPrefix) {
      return { ok: false, errors: [recordError('MALFORMED_ID', `malformed id ${id}`, ['Id'])] };
    }
    const record = this.#records.get(id18);
    if (!record) {
      return {
        ok: false,
        id: id18,
        errors: [recordError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id')],
      };
    }
    if (record.deletedAt !== null) {
      return { ok: false, id: id18, errors: [recordError('ENTITY_IS_DELETED', 'entity is deleted')] };
    }
    return { ok: true, id: id18, record };
  }

  #injectedFailure(id: string): RecordError | null {
    const failure = this.#failures.get(id);
    if (!failure) return null;
    failure.remaining -= 1;
    if (failure.remaining <= 0) this.#failures.delete(id);
    return { ...failure.error, fields: [...failure.error.fields] };
  }

  /**
   * Maps the sent field names to the schema's and their values to stored ones. An unknown field fails the whole
   * request, as Salesforce's deserialiser does; so does a value of the wrong JSON type on the REST channel.
   */
  #resolve(
    object: ObjectDefinition,
    input: SObjectRecord,
    context: WriteContext,
    mode: 'create' | 'update',
  ): { ok: true; values: SObjectRecord } | { ok: false; errors: RecordError[] } {
    const values: SObjectRecord = {};
    const readOnly: string[] = [];
    const errors: RecordError[] = [];
    for (const [name, raw] of Object.entries(input)) {
      if (name === 'attributes') continue;
      const field = this.#field(object, name, raw);
      if (field.name === 'Id') {
        if (mode === 'create') errors.push(recordError('INVALID_FIELD', 'cannot specify Id in an insert call', ['Id']));
        continue;
      }
      const writable = mode === 'create' ? field.createable : field.updateable;
      const trusted = context.channel === 'trusted' && !PROTECTED_FIELDS.has(field.name) && !field.calculated;
      if (!writable && !trusted) {
        readOnly.push(field.name);
        continue;
      }
      const coerced = coerceFieldValue(field, raw);
      if (!coerced.ok) {
        if (coerced.kind === 'type' && context.channel === 'json') {
          throw new RequestError(400, 'JSON_PARSER_ERROR', jsonTypeMessage(field, raw));
        }
        errors.push(coerced.error);
        continue;
      }
      const dangling = context.channel === 'trusted' ? null : this.#danglingReference(field, coerced.value);
      if (dangling) errors.push(dangling);
      else values[field.name] = coerced.value;
    }
    if (readOnly.length > 0) {
      errors.unshift(
        recordError(
          'INVALID_FIELD_FOR_INSERT_UPDATE',
          `Unable to create/update fields: ${readOnly.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
          readOnly,
        ),
      );
    }
    if (context.channel === 'trusted' && errors.length > 0) {
      throw new Error(`${object.name}: ${errors.map((e) => `${e.statusCode}: ${e.message}`).join('; ')}`);
    }
    return errors.length > 0 ? { ok: false, errors } : { ok: true, values };
  }

  #danglingReference(field: FieldDefinition, value: unknown): RecordError | null {
    if (field.type !== 'reference' || typeof value !== 'string') return null;
    const targetObject = this.#schema.objectByKeyPrefix(value.slice(0, 3));
    if (!targetObject || !field.referenceTo.includes(targetObject.name)) {
      return recordError('FIELD_INTEGRITY_EXCEPTION', `${field.label}: id value of incorrect type: ${value}`, [
        field.name,
      ]);
    }
    const target = this.#records.get(value);
    if (!target || target.deletedAt !== null) {
      return recordError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', [field.name]);
    }
    return null;
  }

  #field(object: ObjectDefinition, name: string, sample: unknown): FieldDefinition {
    const known = this.#schema.field(object, name);
    if (known) return known;
    if (this.#options.acceptUndeclaredCustomFields && /^[A-Za-z][A-Za-z0-9_]*__c$/.test(name)) {
      const type = typeof sample === 'number' ? 'double' : typeof sample === 'boolean' ? 'boolean' : 'string';
      return this.#schema.defineField(object.name, { name, type });
    }
    throw new RequestError(400, 'INVALID_FIELD', `No such column '${name}' on sobject of type ${object.name}`);
  }
}

function subscribe<T>(listeners: T[], listener: T): () => void {
  listeners.push(listener);
  return () => {
    const at = listeners.indexOf(listener);
    if (at >= 0) listeners.splice(at, 1);
  };
}

// Change events leave these out: the id travels in the header, the others are bookkeeping.
const UNREPORTED_FIELDS = new Set(['Id', 'IsDeleted', 'SystemModstamp']);

function nonNull(values: SObjectRecord): SObjectRecord {
  return Object.fromEntries(
    Object.entries(values).filter(([name, value]) => value !== null && !UNREPORTED_FIELDS.has(name)),
  );
}

function change(
  object: ObjectDefinition,
  changeType: RecordChange['changeType'],
  id: string,
  changedFields: string[],
  stamp: number,
  record: SObjectRecord,
  commitUser: string,
): RecordChange {
  return {
    entityName: object.name,
    changeType,
    recordIds: [id],
    changedFields,
    commitTimestamp: stamp,
    record,
    commitUser,
  };
}

/** Formula-like standard fields Salesforce computes on save. */
function derive(object: ObjectDefinition, values: SObjectRecord, before: SObjectRecord | null, at: string): void {
  const has = (name: string) => object.fields.some((f) => f.name === name);
  if (has('Name') && has('LastName')) {
    values.Name = [values.FirstName, values.LastName].filter((p) => typeof p === 'string' && p !== '').join(' ');
  }
  if (object.name === 'Opportunity') {
    values.IsClosed = values.StageName === 'Closed Won' || values.StageName === 'Closed Lost';
    values.IsWon = values.StageName === 'Closed Won';
  }
  if (object.name === 'Task') {
    values.IsClosed = values.Status === 'Completed';
    values.IsHighPriority = values.Priority === 'High';
    if (values.IsClosed && !before?.IsClosed) values.CompletedDateTime = at;
    if (!values.IsClosed) values.CompletedDateTime = null;
  }
}
