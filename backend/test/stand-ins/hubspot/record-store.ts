import { FIRST_ID, OBJECT_TYPES, TIMESTAMP_PROPERTIES, type ObjectType } from './object-types.ts';

// A CRM record as the stand-in holds it: every stored value is a string ('' once cleared).
export interface CrmObject {
  id: string;
  properties: Record<string, string>;
  createdAt: Date;
  updatedAt: Date;
  archived: boolean;
  archivedAt?: Date;
}

function copy(record: CrmObject): CrmObject {
  return {
    ...record,
    properties: { ...record.properties },
    createdAt: new Date(record.createdAt),
    updatedAt: new Date(record.updatedAt),
    ...(record.archivedAt ? { archivedAt: new Date(record.archivedAt) } : {}),
  };
}

export class RecordStore {
  readonly #records = new Map<ObjectType, Map<string, CrmObject>>();
  readonly #nextId = new Map<ObjectType, number>();
  // Contacts by lower-cased e-mail, kept in step with every write: the duplicate check runs on each create.
  readonly #emails = new Map<string, string>();

  constructor() {
    for (const type of OBJECT_TYPES) {
      this.#records.set(type, new Map());
      this.#nextId.set(type, FIRST_ID[type]);
    }
  }

  #of(type: ObjectType): Map<string, CrmObject> {
    return this.#records.get(type)!;
  }

  insert(type: ObjectType, values: Record<string, string>, createdAt: Date, updatedAt: Date): CrmObject {
    const next = this.#nextId.get(type)!;
    this.#nextId.set(type, next + 1);
    const id = String(next);
    const { created, modified } = TIMESTAMP_PROPERTIES[type];
    const record: CrmObject = {
      id,
      properties: {
        ...values,
        hs_object_id: id,
        [created]: createdAt.toISOString(),
        [modified]: updatedAt.toISOString(),
      },
      createdAt,
      updatedAt,
      archived: false,
    };
    this.#of(type).set(id, record);
    this.#indexEmail(type, record, undefined);
    return copy(record);
  }

  #indexEmail(type: ObjectType, record: CrmObject, previous: string | undefined): void {
    if (type !== 'contacts') return;
    if (previous) this.#emails.delete(previous.toLowerCase());
    const email = record.properties.email;
    if (email && !record.archived) this.#emails.set(email.toLowerCase(), record.id);
  }

  patch(type: ObjectType, id: string, values: Record<string, string>, at: Date): CrmObject {
    const record = this.#of(type).get(id);
    if (!record) throw new Error(`No ${type} record ${id}`);
    const previousEmail = record.properties.email;
    Object.assign(record.properties, values);
    this.#indexEmail(type, record, previousEmail);
    record.updatedAt = at;
    record.properties[TIMESTAMP_PROPERTIES[type].modified] = at.toISOString();
    return copy(record);
  }

  archive(type: ObjectType, id: string, at: Date): void {
    const record = this.#of(type).get(id);
    if (!record) return;
    record.archived = true;
    record.archivedAt = at;
    this.#indexEmail(type, record, record.properties.email);
  }

  find(type: ObjectType, id: string): CrmObject | undefined {
    const record = this.#of(type).get(id);
    return record ? copy(record) : undefined;
  }

  findLive(type: ObjectType, id: string): CrmObject | undefined {
    const record = this.#of(type).get(id);
    return record && !record.archived ? copy(record) : undefined;
  }

  // Unique-value lookups (`idProperty`) compare case-insensitively, as HubSpot does for emails.
  findBy(type: ObjectType, property: string, value: string): CrmObject | undefined {
    const wanted = value.toLowerCase();
    if (type === 'contacts' && property === 'email') {
      const id = this.#emails.get(wanted);
      return id ? this.findLive(type, id) : undefined;
    }
    for (const record of this.#of(type).values()) {
      if (!record.archived && record.properties[property]?.toLowerCase() === wanted) return copy(record);
    }
    return undefined;
  }

  // In id order, which is creation order.
  list(type: ObjectType, archived = false): CrmObject[] {
    return [...this.#of(type).values()]
      .filter((r) => r.archived === archived)
      .sort((a, b) => Number(a.id) - Number(b.id))
      .map(copy);
  }
}
