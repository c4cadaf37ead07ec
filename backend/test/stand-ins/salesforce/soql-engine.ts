import { parseSoql, SoqlError } from './soql-parser.ts';
import type { Condition, FieldRef, Literal, ParsedQuery } from './soql-parser.ts';
import type { RecordStore, SObjectRecord, StoredRecord } from './records.ts';
import type { FieldDefinition, ObjectDefinition, Schema } from './schema.ts';
import { parseDateTime } from './timestamps.ts';
import { toId18 } from './salesforce-ids.ts';

/**
 * Runs parsed SOQL against the record store: checks every field against the schema the way Salesforce does
 * (unknown fields, filters of the wrong type, long text areas in WHERE or ORDER BY), filters, sorts and shapes
 * the rows as the REST API returns them, parent relationships as nested records.
 */

interface BoundPath {
  /** Reference fields followed, from the queried object outwards. */
  hops: FieldDefinition[];
  /** The field read at the end, on every object the last hop can point at. */
  field: FieldDefinition;
  /** Canonical names: relationship names, then the field's. */
  names: string[];
}

export interface QueryResultRows {
  object: ObjectDefinition;
  totalSize: number;
  rows: SObjectRecord[];
  countOnly: boolean;
}

const FILTER_TYPE: Partial<Record<FieldDefinition['type'], string>> = {
  boolean: 'boolean',
  int: 'integer',
  double: 'double',
  currency: 'double',
  percent: 'double',
  date: 'date',
  datetime: 'dateTime',
};

export class SoqlEngine {
  readonly #schema: Schema;
  readonly #store: RecordStore;

  constructor(schema: Schema, store: RecordStore) {
    this.#schema = schema;
    this.#store = store;
  }

  /** Rows of the query, each `{ attributes: { type, url }, ...fields }` with `url` under `/services/data/<version>`. */
  run(soql: string, options: { includeDeleted: boolean; version: string }): QueryResultRows {
    const query = parseSoql(soql);
    const object = this.#schema.object(query.from.name);
    if (!object) {
      throw new SoqlError(
        'INVALID_TYPE',
        soql,
        query.from.offset,
        `sObject type '${query.from.name}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`,
      );
    }
    if (object.kind === 'platformEvent') {
      throw new SoqlError(
        'INVALID_TYPE_FOR_OPERATION',
        soql,
        query.from.offset,
        `entity type ${object.name} does not support query`,
      );
    }
    const selected = this.#bindSelect(query, object);
    const filter = query.where ? this.#bindCondition(query, object, query.where) : () => true;
    const order = query.orderBy.map((key) => {
      const path = this.#bindPath(query, object, key.field);
      if (!path.field.sortable) {
        throw new SoqlError(
          'INVALID_FIELD',
          soql,
          key.field.offset,
          `field '${key.field.text}' can not be sorted in a query call`,
        );
      }
      return { path, descending: key.descending, nullsLast: key.nullsLast };
    });
    if (query.offset !== null && query.offset > 2000) {
      throw new SoqlError('NUMBER_OUTSIDE_VALID_RANGE', soql, 0, `Maximum SOQL offset allowed is 2000`);
    }

    let matches = this.#store
      .list(object)
      .filter((r) => options.includeDeleted || r.deletedAt === null)
      .filter((r) => filter(r));
    if (order.length > 0) {
      matches = [...matches].sort((a, b) => {
        for (const key of order) {
          const x = this.#read(a, key.path);
          const y = this.#read(b, key.path);
          if (x === null || y === null) {
            if (x === y) continue;
            return (x === null) === key.nullsLast ? 1 : -1;
          }
          const cmp = compareValues(x, y, key.path.field);
          if (cmp !== 0) return key.descending ? -cmp : cmp;
        }
        return 0;
      });
    }
    const start = query.offset ?? 0;
    matches = matches.slice(start, query.limit === null ? undefined : start + query.limit);
    if (query.count) return { object, totalSize: matches.length, rows: [], countOnly: true };
    const rows = matches.map((r) => this.#project(r, selected, options.version));
    return { object, totalSize: rows.length, rows, countOnly: false };
  }

  #bindSelect(query: ParsedQuery, object: ObjectDefinition): BoundPath[] {
    const seen = new Set<string>();
    return query.fields.map((ref) => {
      const path = this.#bindPath(query, object, ref);
      const key = path.names.join('.').toLowerCase();
      if (seen.has(key)) {
        throw new SoqlError(
          'DUPLICATE_FIELD',
          query.text,
          ref.offset,
          `duplicate field selected: ${path.names.join('.')}`,
        );
      }
      seen.add(key);
      return path;
    });
  }

  #bindPath(query: ParsedQuery, object: ObjectDefinition, ref: FieldRef): BoundPath {
    let path = ref.path;
    // `Lead.Email` in a query on Lead names the queried object, not a relationship.
    if (
      path.length > 1 &&
      path[0]!.toLowerCase() === object.name.toLowerCase() &&
      !this.#schema.relationship(object, path[0]!)
    ) {
      path = path.slice(1);
    }
    const hops: FieldDefinition[] = [];
    const names: string[] = [];
    let targets = [object];
    for (const step of path.slice(0, -1)) {
      const hop = targets.map((t) => this.#schema.relationship(t, step)).find((f) => f !== undefined);
      if (!hop) {
        throw new SoqlError(
          'INVALID_FIELD',
          query.text,
          ref.offset,
          `Didn't understand relationship '${step}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`,
        );
      }
      hops.push(hop);
      names.push(hop.relationshipName!);
      targets = hop.referenceTo.map((name) => this.#schema.object(name)).filter((o) => o !== undefined);
    }
    const last = path.at(-1)!;
    const fields = targets.map((t) => this.#schema.field(t, last));
    const field = fields[0];
    if (!field || fields.some((f) => f === undefined)) {
      const entity = targets.length === 1 ? targets[0]!.name : 'Name';
      throw new SoqlError(
        'INVALID_FIELD',
        query.text,
        ref.offset,
        `No such column '${last}' on entity '${entity}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
      );
    }
    names.push(field.name);
    return { hops, field, names };
  }

  #bindCondition(query: ParsedQuery, object: ObjectDefinition, condition: Condition): (r: StoredRecord) => boolean {
    switch (condition.kind) {
      case 'and': {
        const terms = condition.terms.map((t) => this.#bindCondition(query, object, t));
        return (r) => terms.every((t) => t(r));
      }
      case 'or': {
        const terms = condition.terms.map((t) => this.#bindCondition(query, object, t));
        return (r) => terms.some((t) => t(r));
      }
      case 'not': {
        const inner = this.#bindCondition(query, object, condition.term);
        return (r) => !inner(r);
      }
      case 'compare': {
        const path = this.#bindPath(query, object, condition.field);
        const field = path.field;
        if (!field.filterable) {
          throw new SoqlError(
            'INVALID_FIELD',
            query.text,
            condition.field.offset,
            `field '${condition.field.text}' can not be filtered in query call`,
          );
        }
        const values = condition.values.map((v) =>
          this.#filterValue(query, condition.valueOffset, condition.field, field, v),
        );
        const { op } = condition;
        if (op === 'LIKE') {
          if (values.length !== 1 || typeof values[0] !== 'string') {
            throw new SoqlError('MALFORMED_QUERY', query.text, condition.valueOffset, 'LIKE requires a string value');
          }
          const pattern = likePattern(values[0]);
          return (r) => {
            const value = this.#read(r, path);
            return typeof value === 'string' && pattern.test(value);
          };
        }
        if (op === 'IN' || op === 'NOT IN') {
          return (r) => {
            const value = this.#read(r, path);
            const found = values.some((v) => equal(value, v, field));
            return op === 'IN' ? found : !found;
          };
        }
        const wanted = values[0] ?? null;
        return (r) => {
          const value = this.#read(r, path);
          if (op === '=') return equal(value, wanted, field);
          // SOQL's != matches nulls, unlike SQL's.
          if (op === '!=') return !equal(value, wanted, field);
          if (value === null || value === undefined || wanted === null) return false;
          const cmp = compareValues(value, wanted, field);
          return op === '<' ? cmp < 0 : op === '<=' ? cmp <= 0 : op === '>' ? cmp > 0 : cmp >= 0;
        };
      }
    }
  }

  /** The literal as a stored value of the field, or the error Salesforce gives for a literal of the wrong kind. */
  #filterValue(query: ParsedQuery, offset: number, ref: FieldRef, field: FieldDefinition, literal: Literal): unknown {
    if (literal.kind === 'null') return null;
    const wrongType = (): never => {
      const expected = FILTER_TYPE[field.type];
      const detail = expected
        ? `value of filter criterion for field '${ref.text}' must be of type ${expected} and should not be enclosed in quotes`
        : `value of filter criterion for field '${ref.text}' must be of type string and should be enclosed in quotes`;
      throw new SoqlError('INVALID_FIELD', query.text, offset, detail);
    };
    switch (field.type) {
      case 'boolean':
        return literal.kind === 'boolean' ? literal.value : wrongType();
      case 'int':
      case 'double':
      case 'currency':
      case 'percent':
        return literal.kind === 'number' ? literal.value : wrongType();
      case 'date':
        return literal.kind === 'date' ? literal.value : wrongType();
      case 'datetime':
        return literal.kind === 'datetime' ? literal.value : wrongType();
      case 'id':
      case 'reference': {
        if (literal.kind !== 'string') return wrongType();
        const id = toId18(literal.value);
        if (!id)
          throw new SoqlError(
            'INVALID_QUERY_FILTER_OPERATOR',
            query.text,
            offset,
            `invalid ID field: ${literal.value}`,
          );
        return id;
      }
      default:
        return literal.kind === 'string' ? literal.value : wrongType();
    }
  }

  #read(record: StoredRecord, path: BoundPath): unknown {
    let current: StoredRecord | undefined = record;
    for (const hop of path.hops) {
      const id: unknown = current.values[hop.name];
      current = typeof id === 'string' ? this.#store.get(id) : undefined;
      if (!current) return null;
    }
    return current.values[path.field.name] ?? null;
  }

  #project(record: StoredRecord, paths: BoundPath[], version: string): SObjectRecord {
    const row: SObjectRecord = { attributes: attributes(record, version) };
    for (const path of paths) {
      let target: SObjectRecord = row;
      let source: StoredRecord | undefined = record;
      for (const [i, hop] of path.hops.entries()) {
        const name = path.names[i]!;
        const id: unknown = source?.values[hop.name];
        source = typeof id === 'string' ? this.#store.get(id) : undefined;
        if (!source) {
          if (!(name in target)) target[name] = null;
          target = {};
          break;
        }
        const existing = target[name];
        if (existing && typeof existing === 'object') {
          target = existing as SObjectRecord;
        } else {
          const nested: SObjectRecord = { attributes: attributes(source, version) };
          target[name] = nested;
          target = nested;
        }
      }
      target[path.field.name] = source ? (source.values[path.field.name] ?? null) : null;
    }
    return row;
  }
}

export function attributes(record: StoredRecord, version: string): { type: string; url: string } {
  return {
    type: record.object.name,
    url: `/services/data/${version}/sobjects/${record.object.name}/${String(record.values.Id)}`,
  };
}

function isText(field: FieldDefinition): boolean {
  return !['boolean', 'int', 'double', 'currency', 'percent', 'date', 'datetime', 'id', 'reference'].includes(
    field.type,
  );
}

function normalise(value: unknown, field: FieldDefinition): unknown {
  if (value === null || value === undefined) return null;
  if (field.type === 'datetime' && typeof value === 'string') return parseDateTime(value);
  // Text comparisons in SOQL ignore case.
  if (isText(field) && typeof value === 'string') return value.toLowerCase();
  return value;
}

function equal(stored: unknown, wanted: unknown, field: FieldDefinition): boolean {
  return normalise(stored, field) === normalise(wanted, field);
}

function compareValues(a: unknown, b: unknown, field: FieldDefinition): number {
  const x = normalise(a, field);
  const y = normalise(b, field);
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  if (typeof x === 'boolean' && typeof y === 'boolean') return Number(x) - Number(y);
  const sx = String(x);
  const sy = String(y);
  return sx < sy ? -1 : sx > sy ? 1 : 0;
}

function likePattern(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charAt(i);
    if (c === '\\' && (pattern.charAt(i + 1) === '%' || pattern.charAt(i + 1) === '_')) {
      source += pattern.charAt(++i);
    } else if (c === '%') {
      source += '[\\s\\S]*';
    } else if (c === '_') {
      source += '[\\s\\S]';
    } else {
      source += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`, 'i');
}
