import type { Clock } from './clock.ts';
import {
  apiError,
  invalidPropertyValues,
  validationError,
  type InvalidPropertyValue,
  type JsonObject,
} from './error-bodies.ts';
import { OBJECT_TYPES, type ObjectType } from './object-types.ts';
import {
  defaultProperties,
  defaultPropertyGroups,
  FIELD_TYPES,
  PROPERTY_TYPES,
  type PropertyDefinition,
  type PropertyGroupDefinition,
  type PropertyOption,
} from './property-definitions.ts';

const NAME_PATTERN = /^[a-z][a-z0-9_]*$/;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function asObject(value: unknown, what: string): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw validationError(`Invalid input JSON: ${what} must be an object`);
  return value as JsonObject;
}

function requiredString(input: JsonObject, field: string): string {
  const value = input[field];
  if (typeof value !== 'string' || value === '')
    throw validationError(`Invalid input JSON: "${field}" is required and must be a non-empty string`);
  return value;
}

function optionsFrom(value: unknown): PropertyOption[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw validationError('Invalid input JSON: "options" must be an array');
  return value.map((raw, index) => {
    const option = asObject(raw, 'each option');
    return {
      label: requiredString(option, 'label'),
      value: requiredString(option, 'value'),
      description: typeof option.description === 'string' ? option.description : '',
      displayOrder: typeof option.displayOrder === 'number' ? option.displayOrder : index,
      hidden: option.hidden === true,
    };
  });
}

// Property definitions and groups per object type, and the validation HubSpot applies to written values.
export class PropertyCatalog {
  readonly #clock: Clock;
  readonly #properties = new Map<ObjectType, Map<string, PropertyDefinition>>();
  readonly #groups = new Map<ObjectType, Map<string, PropertyGroupDefinition>>();

  constructor(clock: Clock) {
    this.#clock = clock;
    const at = new Date(Date.UTC(2019, 7, 6));
    for (const type of OBJECT_TYPES) {
      this.#properties.set(type, new Map(defaultProperties(type, at).map((p) => [p.name, p])));
      this.#groups.set(type, new Map(defaultPropertyGroups(type).map((g) => [g.name, g])));
    }
  }

  #propertiesOf(type: ObjectType): Map<string, PropertyDefinition> {
    return this.#properties.get(type)!;
  }

  #groupsOf(type: ObjectType): Map<string, PropertyGroupDefinition> {
    return this.#groups.get(type)!;
  }

  list(type: ObjectType, archived = false): PropertyDefinition[] {
    return [...this.#propertiesOf(type).values()].filter((p) => p.archived === archived).map((p) => structuredClone(p));
  }

  get(type: ObjectType, name: string): PropertyDefinition | undefined {
    const property = this.#propertiesOf(type).get(name);
    return property && !property.archived ? structuredClone(property) : undefined;
  }

  require(type: ObjectType, name: string): PropertyDefinition {
    const property = this.get(type, name);
    if (!property) throw apiError(404, 'OBJECT_NOT_FOUND', `Property ${name} does not exist`);
    return property;
  }

  create(type: ObjectType, body: unknown): PropertyDefinition {
    const input = asObject(body, 'the body');
    const name = requiredString(input, 'name');
    const label = requiredString(input, 'label');
    const propertyType = requiredString(input, 'type');
    const fieldType = requiredString(input, 'fieldType');
    const groupName = requiredString(input, 'groupName');
    if (!NAME_PATTERN.test(name))
      throw validationError(`Property name ${name} is invalid: use lowercase letters, numbers and underscores`);
    if (!(PROPERTY_TYPES as readonly string[]).includes(propertyType))
      throw validationError(`Invalid input JSON: unknown property type ${propertyType}`);
    if (!(FIELD_TYPES as readonly string[]).includes(fieldType))
      throw validationError(`Invalid input JSON: unknown field type ${fieldType}`);
    if (!this.#groupsOf(type).has(groupName))
      throw validationError(`Property group ${groupName} does not exist`, { context: { groupName: [groupName] } });
    if (this.#propertiesOf(type).has(name))
      throw apiError(409, 'OBJECT_ALREADY_EXISTS', `Property named '${name}' already exists.`, {
        context: { name: [name] },
      });
    const stamp = this.#clock.stamp().toISOString();
    const property: PropertyDefinition = {
      name,
      label,
      type: propertyType,
      fieldType,
      groupName,
      description: typeof input.description === 'string' ? input.description : '',
      options: optionsFrom(input.options),
      displayOrder: typeof input.displayOrder === 'number' ? input.displayOrder : -1,
      hidden: input.hidden === true,
      formField: input.formField === true,
      hasUniqueValue: input.hasUniqueValue === true,
      calculated: false,
      externalOptions: input.externalOptions === true,
      archived: false,
      createdAt: stamp,
      updatedAt: stamp,
      modificationMetadata: { archivable: true, readOnlyDefinition: false, readOnlyValue: false },
    };
    this.#propertiesOf(type).set(name, property);
    return structuredClone(property);
  }

  update(type: ObjectType, name: string, body: unknown): PropertyDefinition {
    const input = asObject(body, 'the body');
    const property = this.#propertiesOf(type).get(name);
    if (!property || property.archived) throw apiError(404, 'OBJECT_NOT_FOUND', `Property ${name} does not exist`);
    if (property.modificationMetadata.readOnlyDefinition)
      throw validationError(`Property ${name} is a HubSpot-defined property; its definition cannot be changed`);
    if (typeof input.groupName === 'string' && !this.#groupsOf(type).has(input.groupName))
      throw validationError(`Property group ${input.groupName} does not exist`);
    for (const field of ['label', 'description', 'groupName', 'type', 'fieldType'] as const) {
      const value = input[field];
      if (typeof value === 'string') property[field] = value;
    }
    if (typeof input.displayOrder === 'number') property.displayOrder = input.displayOrder;
    if (typeof input.hidden === 'boolean') property.hidden = input.hidden;
    if (typeof input.formField === 'boolean') property.formField = input.formField;
    if (input.options !== undefined) property.options = optionsFrom(input.options);
    property.updatedAt = this.#clock.stamp().toISOString();
    return structuredClone(property);
  }

  groups(type: ObjectType): PropertyGroupDefinition[] {
    return [...this.#groupsOf(type).values()].filter((g) => !g.archived).map((g) => ({ ...g }));
  }

  group(type: ObjectType, name: string): PropertyGroupDefinition {
    const group = this.#groupsOf(type).get(name);
    if (!group || group.archived) throw apiError(404, 'OBJECT_NOT_FOUND', `Property group ${name} does not exist`);
    return { ...group };
  }

  createGroup(type: ObjectType, body: unknown): PropertyGroupDefinition {
    const input = asObject(body, 'the body');
    const name = requiredString(input, 'name');
    const label = requiredString(input, 'label');
    if (!NAME_PATTERN.test(name))
      throw validationError(`Property group name ${name} is invalid: use lowercase letters, numbers and underscores`);
    if (this.#groupsOf(type).has(name))
      throw apiError(409, 'OBJECT_ALREADY_EXISTS', `Property group named '${name}' already exists.`, {
        context: { name: [name] },
      });
    const group = {
      name,
      label,
      displayOrder: typeof input.displayOrder === 'number' ? input.displayOrder : -1,
      archived: false,
    };
    this.#groupsOf(type).set(name, group);
    return { ...group };
  }

  updateGroup(type: ObjectType, name: string, body: unknown): PropertyGroupDefinition {
    const input = asObject(body, 'the body');
    const group = this.#groupsOf(type).get(name);
    if (!group || group.archived) throw apiError(404, 'OBJECT_NOT_FOUND', `Property group ${name} does not exist`);
    if (typeof input.label === 'string') group.label = input.label;
    if (typeof input.displayOrder === 'number') group.displayOrder = input.displayOrder;
    return { ...group };
  }

  typeOf(type: ObjectType, name: string): string | undefined {
    return this.#propertiesOf(type).get(name)?.type;
  }

  // Checks written values the way HubSpot does (every problem reported at once) and returns them as stored:
  // strings, with datetimes normalised to ISO-8601 whether sent as epoch millis or as ISO strings.
  normalizeWrite(type: ObjectType, values: unknown): Record<string, string> {
    const input = asObject(values, '"properties"');
    const invalid: InvalidPropertyValue[] = [];
    const normalized: Record<string, string> = {};
    for (const [name, raw] of Object.entries(input)) {
      const property = this.#propertiesOf(type).get(name);
      const problem = (error: string, message: string) => invalid.push({ isValid: false, message, error, name });
      if (!property || property.archived) {
        problem('PROPERTY_DOESNT_EXIST', `Property "${name}" does not exist`);
        continue;
      }
      if (property.modificationMetadata.readOnlyValue) {
        problem('READ_ONLY_VALUE', `"${name}" is a read only property; its value cannot be set.`);
        continue;
      }
      const value = raw === null || raw === undefined ? '' : String(raw);
      if (value === '') {
        normalized[name] = '';
        continue;
      }
      switch (property.type) {
        case 'enumeration': {
          if (property.externalOptions) break;
          const allowed = property.options.map((o) => o.value);
          for (const part of value.split(';')) {
            if (!allowed.includes(part))
              problem('INVALID_OPTION', `${part} was not one of the allowed options: [${allowed.join(', ')}]`);
          }
          break;
        }
        case 'number':
          if (!Number.isFinite(Number(value))) problem('INVALID_DECIMAL', `${value} is not a valid decimal`);
          break;
        case 'bool':
          if (value !== 'true' && value !== 'false') problem('INVALID_BOOLEAN', `${value} is not a valid boolean`);
          break;
        case 'datetime': {
          const ms = /^-?\d+$/.test(value) ? Number(value) : Date.parse(value);
          if (Number.isNaN(ms)) problem('INVALID_DATE', `${value} is not a valid datetime`);
          else normalized[name] = new Date(ms).toISOString();
          continue;
        }
        case 'date': {
          // Date properties hold a calendar day: HubSpot wants midnight UTC.
          const ms = /^-?\d+$/.test(value) ? Number(value) : Date.parse(value);
          if (Number.isNaN(ms) || ms % 86_400_000 !== 0)
            problem('INVALID_DATE', `${value} is not a valid date: dates must be midnight UTC`);
          else normalized[name] = new Date(ms).toISOString().slice(0, 10);
          continue;
        }
      }
      if (name === 'email' && type === 'contacts' && !EMAIL_PATTERN.test(value))
        problem('INVALID_EMAIL', `Email address ${value} is invalid`);
      normalized[name] = value;
    }
    if (invalid.length > 0) throw invalidPropertyValues(invalid);
    return normalized;
  }
}
