import type { FieldDefinition } from './schema.ts';
import { formatDateTime, parseDate, parseDateTime } from './timestamps.ts';
import { toId18 } from './salesforce-ids.ts';
import { recordError } from './errors.ts';
import type { RecordError } from './errors.ts';

/**
 * Turns a value sent for a field into what Salesforce stores: text trimmed of nothing but emptied to null,
 * numbers rounded to the field's scale, datetimes normalised to UTC with `+0000`, ids to 18 characters.
 * A value of the wrong JSON type is a `type` failure: REST refuses the whole request for it, Bulk API only the row.
 */
export type Coerced = { ok: true; value: unknown } | { ok: false; kind: 'type' | 'value'; error: RecordError };

const TEXT_TYPES = new Set(['string', 'textarea', 'email', 'phone', 'url', 'picklist', 'multipicklist', 'combobox']);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function typeError(field: FieldDefinition, value: unknown): Coerced {
  return {
    ok: false,
    kind: 'type',
    error: recordError(
      'INVALID_TYPE_ON_FIELD_IN_RECORD',
      `${field.label}: value not of required type: ${String(value)}`,
      [field.name],
    ),
  };
}

function valueError(statusCode: string, message: string, field: FieldDefinition): Coerced {
  return { ok: false, kind: 'value', error: recordError(statusCode, message, [field.name]) };
}

export function coerceFieldValue(field: FieldDefinition, value: unknown): Coerced {
  if (value === null || value === undefined) return { ok: true, value: field.type === 'boolean' ? false : null };
  if (typeof value === 'object') return typeError(field, JSON.stringify(value));

  if (TEXT_TYPES.has(field.type)) {
    const text = String(value);
    if (text === '') return { ok: true, value: null };
    if (text.length > field.length) {
      return valueError(
        'STRING_TOO_LONG',
        `${field.label}: data value too large: ${text.slice(0, 80)} (max length=${field.length})`,
        field,
      );
    }
    if (field.type === 'email' && !EMAIL.test(text)) {
      return valueError('INVALID_EMAIL_ADDRESS', `${field.label}: invalid email address: ${text}`, field);
    }
    if (field.restrictedPicklist && !field.picklistValues.includes(text)) {
      return valueError(
        'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
        `${field.label}: bad value for restricted picklist field: ${text}`,
        field,
      );
    }
    return { ok: true, value: text };
  }

  switch (field.type) {
    case 'id':
    case 'reference': {
      if (typeof value !== 'string') return typeError(field, value);
      if (value === '') return { ok: true, value: null };
      const id = toId18(value);
      if (!id) return valueError('MALFORMED_ID', `${field.label}: id value of incorrect type: ${value}`, field);
      return { ok: true, value: id };
    }
    case 'boolean': {
      if (typeof value === 'boolean') return { ok: true, value };
      if (typeof value === 'string' && /^(true|false)$/i.test(value)) {
        return { ok: true, value: value.toLowerCase() === 'true' };
      }
      return typeError(field, value);
    }
    case 'int':
    case 'double':
    case 'currency':
    case 'percent': {
      if (typeof value === 'boolean') return typeError(field, value);
      if (value === '') return { ok: true, value: null };
      const n = typeof value === 'number' ? value : Number(value);
      if (!Number.isFinite(n)) return typeError(field, value);
      if (field.type === 'int' && !Number.isInteger(n)) return typeError(field, value);
      const scale = field.type === 'int' ? 0 : field.scale;
      const rounded = Math.round(n * 10 ** scale) / 10 ** scale;
      const integerDigits = Math.trunc(Math.abs(rounded)).toString().length;
      const maxDigits = field.type === 'int' ? field.digits : field.precision - field.scale;
      if (Math.trunc(Math.abs(rounded)) !== 0 && integerDigits > maxDigits) {
        return valueError(
          'NUMBER_OUTSIDE_VALID_RANGE',
          `${field.label}: value outside of valid range on numeric field: ${String(value)}`,
          field,
        );
      }
      return { ok: true, value: rounded };
    }
    case 'date': {
      if (typeof value !== 'string') return typeError(field, value);
      if (value === '') return { ok: true, value: null };
      // A datetime is accepted for a date field; its date part is kept.
      const date = parseDate(value) ?? parseDateTime(value);
      if (date === null) return typeError(field, value);
      return { ok: true, value: new Date(date).toISOString().slice(0, 10) };
    }
    case 'datetime': {
      if (typeof value !== 'string') return typeError(field, value);
      if (value === '') return { ok: true, value: null };
      const ms = parseDateTime(value) ?? parseDate(value);
      if (ms === null) return typeError(field, value);
      return { ok: true, value: formatDateTime(ms) };
    }
    default:
      return typeError(field, value);
  }
}

/** The JSON deserialisation message REST gives for a value of the wrong type. */
export function jsonTypeMessage(field: FieldDefinition, value: unknown): string {
  const javaType: Record<string, string> = {
    boolean: 'boolean',
    int: 'int',
    double: 'double',
    currency: 'double',
    percent: 'double',
    date: 'date',
    datetime: 'datetime',
    id: 'id',
    reference: 'id',
  };
  const token =
    typeof value === 'string'
      ? 'VALUE_STRING'
      : typeof value === 'boolean'
        ? `VALUE_${String(value).toUpperCase()}`
        : typeof value === 'number'
          ? 'VALUE_NUMBER'
          : Array.isArray(value)
            ? 'START_ARRAY'
            : 'START_OBJECT';
  const shown = typeof value === 'object' ? '' : ` value ${String(value)}`;
  return `Cannot deserialize instance of ${javaType[field.type] ?? 'string'} from ${token}${shown} or request may be missing a required field`;
}
