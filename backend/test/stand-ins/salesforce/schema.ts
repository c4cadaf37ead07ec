/**
 * Objects and fields as describe reports them. Field names are case-insensitive everywhere in the API, so every
 * lookup goes through the lower-cased name and answers with the field's canonical spelling.
 */

export type FieldType =
  | 'id'
  | 'string'
  | 'textarea'
  | 'email'
  | 'phone'
  | 'url'
  | 'picklist'
  | 'multipicklist'
  | 'combobox'
  | 'boolean'
  | 'int'
  | 'double'
  | 'currency'
  | 'percent'
  | 'date'
  | 'datetime'
  | 'reference';

/** A field as a test or an option declares it; everything left out takes the value Salesforce gives such a field. */
export interface FieldSpec {
  name: string;
  type: FieldType;
  label?: string;
  /** Text length; a `textarea` longer than 255 is a long text area (not filterable or sortable). */
  length?: number;
  precision?: number;
  scale?: number;
  /** A required field is not nillable; it must be given on create unless it has a default. */
  required?: boolean;
  createable?: boolean;
  updateable?: boolean;
  defaultValue?: string | number | boolean | null;
  picklistValues?: string[];
  restrictedPicklist?: boolean;
  referenceTo?: string[];
  relationshipName?: string;
  externalId?: boolean;
  unique?: boolean;
  inlineHelpText?: string;
}

export interface FieldDefinition {
  name: string;
  label: string;
  type: FieldType;
  length: number;
  precision: number;
  scale: number;
  digits: number;
  nillable: boolean;
  createable: boolean;
  updateable: boolean;
  custom: boolean;
  calculated: boolean;
  defaultValue: string | number | boolean | null;
  defaultedOnCreate: boolean;
  picklistValues: string[];
  restrictedPicklist: boolean;
  referenceTo: string[];
  relationshipName: string | null;
  externalId: boolean;
  unique: boolean;
  nameField: boolean;
  idLookup: boolean;
  filterable: boolean;
  sortable: boolean;
  groupable: boolean;
  inlineHelpText: string | null;
}

export type ObjectKind = 'sobject' | 'platformEvent';

export interface ObjectSpec {
  name: string;
  label: string;
  labelPlural: string;
  keyPrefix: string;
  kind: ObjectKind;
  deletable?: boolean;
  fields: FieldDefinition[];
}

export interface ObjectDefinition {
  name: string;
  label: string;
  labelPlural: string;
  keyPrefix: string;
  kind: ObjectKind;
  custom: boolean;
  deletable: boolean;
  fields: FieldDefinition[];
}

const DEFAULT_LENGTH: Partial<Record<FieldType, number>> = {
  id: 18,
  reference: 18,
  string: 255,
  textarea: 255,
  email: 80,
  phone: 40,
  url: 255,
  picklist: 255,
  multipicklist: 4099,
  combobox: 255,
};

const NUMERIC: Partial<Record<FieldType, { precision: number; scale: number }>> = {
  double: { precision: 18, scale: 0 },
  currency: { precision: 18, scale: 2 },
  percent: { precision: 3, scale: 0 },
};

export function labelFromName(name: string): string {
  return name
    .replace(/__[a-z]$/, '')
    .replace(/_/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/ Id$/, ' ID');
}

/** Builds the full definition of a field from what is said about it, as Setup would. */
export function defineFieldFromSpec(spec: FieldSpec, extra: Partial<FieldDefinition> = {}): FieldDefinition {
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(spec.name)) throw new Error(`Not a field API name: ${spec.name}`);
  const custom = spec.name.endsWith('__c');
  const length = spec.length ?? DEFAULT_LENGTH[spec.type] ?? 0;
  const numeric = NUMERIC[spec.type];
  const longText = spec.type === 'textarea' && length > 255;
  const defaultValue = spec.defaultValue ?? (spec.type === 'boolean' ? false : null);
  const defaultedOnCreate = spec.type === 'boolean' || spec.defaultValue !== undefined;
  return {
    name: spec.name,
    label: spec.label ?? labelFromName(spec.name),
    type: spec.type,
    length,
    precision: spec.precision ?? numeric?.precision ?? 0,
    scale: spec.scale ?? numeric?.scale ?? 0,
    digits: spec.type === 'int' ? (spec.precision ?? 9) : 0,
    // A checkbox is never null in Salesforce, so describe reports it as not nillable.
    nillable: spec.type === 'boolean' ? false : !spec.required,
    createable: spec.createable ?? true,
    updateable: spec.updateable ?? true,
    custom,
    calculated: false,
    defaultValue,
    defaultedOnCreate,
    picklistValues: spec.picklistValues ?? [],
    restrictedPicklist: spec.restrictedPicklist ?? false,
    referenceTo: spec.referenceTo ?? [],
    relationshipName:
      spec.type === 'reference'
        ? (spec.relationshipName ?? (custom ? spec.name.replace(/__c$/, '__r') : spec.name.replace(/Id$/, '')))
        : null,
    externalId: spec.externalId ?? false,
    unique: spec.unique ?? false,
    nameField: false,
    idLookup: false,
    filterable: !longText && spec.type !== 'multipicklist',
    sortable: !longText && spec.type !== 'multipicklist',
    groupable: !longText && !['double', 'currency', 'percent', 'datetime', 'multipicklist'].includes(spec.type),
    inlineHelpText: spec.inlineHelpText ?? null,
    ...extra,
  };
}

export class Schema {
  readonly #objects = new Map<string, ObjectDefinition>();
  readonly #fields = new Map<string, Map<string, FieldDefinition>>();

  constructor(objects: ObjectSpec[]) {
    for (const spec of objects) {
      const definition: ObjectDefinition = {
        name: spec.name,
        label: spec.label,
        labelPlural: spec.labelPlural,
        keyPrefix: spec.keyPrefix,
        kind: spec.kind,
        custom: spec.name.endsWith('__c') || spec.name.endsWith('__e'),
        deletable: spec.deletable ?? spec.kind === 'sobject',
        fields: [],
      };
      this.#objects.set(spec.name.toLowerCase(), definition);
      this.#fields.set(spec.name.toLowerCase(), new Map());
      for (const field of spec.fields) this.#add(definition, field);
    }
  }

  objects(): ObjectDefinition[] {
    return [...this.#objects.values()];
  }

  object(name: string): ObjectDefinition | undefined {
    return this.#objects.get(name.toLowerCase());
  }

  objectByKeyPrefix(prefix: string): ObjectDefinition | undefined {
    return this.objects().find((o) => o.keyPrefix === prefix);
  }

  field(object: ObjectDefinition, name: string): FieldDefinition | undefined {
    return this.#fields.get(object.name.toLowerCase())?.get(name.toLowerCase());
  }

  /** The reference field whose relationship is called `name` (`Owner` for OwnerId, `Foo__r` for Foo__c). */
  relationship(object: ObjectDefinition, name: string): FieldDefinition | undefined {
    const lower = name.toLowerCase();
    return object.fields.find((f) => f.relationshipName?.toLowerCase() === lower);
  }

  defineField(objectName: string, spec: FieldSpec): FieldDefinition {
    const object = this.object(objectName);
    if (!object) throw new Error(`No sObject ${objectName}`);
    const existing = this.field(object, spec.name);
    if (existing) throw new Error(`${object.name}.${existing.name} is already defined`);
    const field = defineFieldFromSpec(spec);
    this.#add(object, field);
    return field;
  }

  #add(object: ObjectDefinition, field: FieldDefinition): void {
    object.fields.push(field);
    this.#fields.get(object.name.toLowerCase())!.set(field.name.toLowerCase(), field);
  }
}
