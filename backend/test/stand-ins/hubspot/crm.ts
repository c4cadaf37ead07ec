import {
  AssociationStore,
  associationKind,
  kindsFrom,
  v3AssociationName,
  type AssociationCategory,
  type AssociationKind,
} from './associations.ts';
import type { Clock } from './clock.ts';
import { apiError, objectNotFound, invalidPropertyValues, validationError } from './error-bodies.ts';
import {
  DEFAULT_RETURNED_PROPERTIES,
  REQUIRED_ON_CREATE,
  SINGULAR,
  TIMESTAMP_PROPERTIES,
  type ObjectType,
} from './object-types.ts';
import { OwnerDirectory } from './owners.ts';
import { PropertyCatalog } from './property-catalog.ts';
import { RecordStore, type CrmObject } from './record-store.ts';

export interface AssociationInput {
  to: { id: string };
  types: Array<{ associationCategory: AssociationCategory; associationTypeId: number }>;
}

export interface RecordTimes {
  createdAt?: Date;
  updatedAt?: Date;
}

// The JSON form of a record in v3 object responses.
export interface PublicObject {
  id: string;
  properties: Record<string, string | null>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  archivedAt?: string;
  objectWriteTraceId?: string;
  associations?: Record<string, { results: Array<{ id: string; type: string }> }>;
}

function asArray(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw validationError(`Invalid input JSON: ${what} must be an array`);
  return value;
}

// The portal's CRM data and the rules HubSpot applies when it is written.
export class Crm {
  readonly clock: Clock;
  readonly catalog: PropertyCatalog;
  readonly records = new RecordStore();
  readonly associations = new AssociationStore();
  readonly owners = new OwnerDirectory();

  constructor(clock: Clock) {
    this.clock = clock;
    this.catalog = new PropertyCatalog(clock);
  }

  // Everything is checked before anything is written, so a rejected request leaves no trace.
  prepareCreate(
    type: ObjectType,
    properties: unknown,
    associations: unknown,
  ): {
    values: Record<string, string>;
    links: Array<{ kind: AssociationKind; toId: string }>;
  } {
    const values = this.catalog.normalizeWrite(type, properties ?? {});
    const missing = REQUIRED_ON_CREATE[type].filter((name) => !values[name]);
    if (missing.length > 0)
      throw invalidPropertyValues(
        missing.map((name) => ({ isValid: false, message: `${name} is required`, error: 'REQUIRED_FIELD', name })),
      );
    this.#checkUniqueEmail(type, values);
    const links = associations === undefined ? [] : this.#associationInputs(type, associations);
    return { values, links };
  }

  #checkUniqueEmail(type: ObjectType, values: Record<string, string>, exceptId?: string): void {
    if (type !== 'contacts' || !values.email) return;
    const existing = this.records.findBy('contacts', 'email', values.email);
    if (existing && existing.id !== exceptId)
      throw apiError(409, 'CONFLICT', `Contact already exists. Existing ID: ${existing.id}`);
  }

  #associationInputs(type: ObjectType, raw: unknown): Array<{ kind: AssociationKind; toId: string }> {
    return asArray(raw, '"associations"').flatMap((entry) => {
      const input = entry as Partial<AssociationInput>;
      const toId = String(input.to?.id ?? '');
      return asArray(input.types, '"associations[].types"').map((rawType) => {
        const spec = rawType as { associationCategory?: string; associationTypeId?: number };
        const candidates = kindsFrom(type, Number(spec.associationTypeId)).filter(
          (k) => k.category === spec.associationCategory,
        );
        const kind = candidates.find((k) => this.records.findLive(k.to, toId));
        if (candidates.length === 0)
          throw validationError(
            `${spec.associationCategory} ${spec.associationTypeId} is not a valid association type from ${SINGULAR[type]}`,
          );
        if (!kind) throw validationError(`One or more association targets do not exist: ${toId}`);
        return { kind, toId };
      });
    });
  }

  commitCreate(
    type: ObjectType,
    prepared: { values: Record<string, string>; links: Array<{ kind: AssociationKind; toId: string }> },
    times: RecordTimes = {},
  ): CrmObject {
    // Seeds may be backdated; a seed given one of the two times gets it for both.
    const createdAt = times.createdAt ?? times.updatedAt ?? this.clock.stamp();
    const record = this.records.insert(type, prepared.values, createdAt, times.updatedAt ?? createdAt);
    for (const { kind, toId } of prepared.links) this.associations.link(kind, record.id, toId);
    return record;
  }

  createRecord(type: ObjectType, properties: unknown, associations?: unknown, times?: RecordTimes): CrmObject {
    return this.commitCreate(type, this.prepareCreate(type, properties, associations), times);
  }

  prepareUpdate(type: ObjectType, id: string, properties: unknown): Record<string, string> {
    const values = this.catalog.normalizeWrite(type, properties ?? {});
    this.#checkUniqueEmail(type, values, id);
    return values;
  }

  commitUpdate(type: ObjectType, id: string, values: Record<string, string>): CrmObject {
    return this.records.patch(type, id, values, this.clock.stamp());
  }

  // A live record by id, or by a unique property when `idProperty` is given.
  locate(type: ObjectType, id: string, idProperty?: string, archived = false): CrmObject | undefined {
    if (idProperty && idProperty !== 'hs_object_id') {
      if (!this.catalog.get(type, idProperty)?.hasUniqueValue)
        throw validationError(`${idProperty} is not a unique identifier property`);
      return archived ? undefined : this.records.findBy(type, idProperty, id);
    }
    const record = this.records.find(type, id);
    return record && record.archived === archived ? record : undefined;
  }

  require(type: ObjectType, id: string, idProperty?: string): CrmObject {
    const record = this.locate(type, id, idProperty);
    if (!record) throw objectNotFound(id);
    return record;
  }

  associate(kind: AssociationKind, fromId: string, toId: string): void {
    this.require(kind.from, fromId);
    this.require(kind.to, toId);
    this.associations.link(kind, fromId, toId);
  }

  kind(from: ObjectType, to: ObjectType, typeId: number, category?: string): AssociationKind {
    const kind = associationKind(from, to, typeId);
    if (!kind || (category !== undefined && kind.category !== category))
      throw validationError(
        `${category ?? 'HUBSPOT_DEFINED'} ${typeId} is not a valid association type between ${from} and ${to}`,
      );
    return kind;
  }

  // A record as v3 reads return it: the named properties (defaults when none are named; unknown names skipped,
  // unset ones null) plus the id and timestamps HubSpot always includes.
  view(type: ObjectType, record: CrmObject, requested?: readonly string[], associatedTypes?: readonly ObjectType[]) {
    const { created, modified } = TIMESTAMP_PROPERTIES[type];
    const names =
      requested && requested.length > 0
        ? [...new Set([...requested, 'hs_object_id', created, modified])]
        : DEFAULT_RETURNED_PROPERTIES[type];
    const properties: Record<string, string | null> = {};
    for (const name of names) {
      if (this.catalog.get(type, name)) properties[name] = record.properties[name] ?? null;
    }
    return this.#publicObject(record, properties, type, associatedTypes);
  }

  // A record as writes return it: every property it has a value for.
  fullView(type: ObjectType, record: CrmObject): PublicObject {
    return this.#publicObject(record, { ...record.properties }, type);
  }

  #publicObject(
    record: CrmObject,
    properties: Record<string, string | null>,
    type: ObjectType,
    associatedTypes: readonly ObjectType[] = [],
  ): PublicObject {
    const view: PublicObject = {
      id: record.id,
      properties,
      createdAt: record.createdAt.toISOString(),
      updatedAt: record.updatedAt.toISOString(),
      archived: record.archived,
      ...(record.archivedAt ? { archivedAt: record.archivedAt.toISOString() } : {}),
    };
    const associations: NonNullable<PublicObject['associations']> = {};
    for (const to of associatedTypes) {
      const results = this.associations
        .associated(type, record.id, to)
        .flatMap(({ toId, kinds }) => kinds.map((kind) => ({ id: toId, type: v3AssociationName(kind) })));
      if (results.length > 0) associations[to] = { results };
    }
    if (Object.keys(associations).length > 0) view.associations = associations;
    return view;
  }
}
