import { validationError, type JsonObject } from './error-bodies.ts';
import { QUERY_SEARCHED_PROPERTIES, type ObjectType } from './object-types.ts';
import type { PropertyCatalog } from './property-catalog.ts';
import type { CrmObject } from './record-store.ts';

// Documented limits of the CRM search endpoints.
export const SEARCH_LIMITS = {
  maxPageSize: 200,
  maxReachableResults: 10_000,
  maxFilterGroups: 5,
  maxFiltersPerGroup: 10,
  maxFilters: 25,
  maxSorts: 1,
} as const;

const OPERATORS = [
  'EQ',
  'NEQ',
  'LT',
  'LTE',
  'GT',
  'GTE',
  'BETWEEN',
  'IN',
  'NOT_IN',
  'HAS_PROPERTY',
  'NOT_HAS_PROPERTY',
  'CONTAINS_TOKEN',
  'NOT_CONTAINS_TOKEN',
] as const;
type Operator = (typeof OPERATORS)[number];

interface Filter {
  propertyName: string;
  operator: Operator;
  value?: string;
  highValue?: string;
  values?: string[];
}

interface Sort {
  propertyName: string;
  descending: boolean;
}

export interface SearchPage {
  total: number;
  results: CrmObject[];
  nextAfter?: string;
  properties?: string[];
}

function text(value: unknown): string | undefined {
  return value === undefined || value === null ? undefined : String(value);
}

// How a stored or filter value compares: numbers and timestamps numerically (timestamps accepted as epoch millis or
// ISO strings, as HubSpot does), everything else as case-insensitive text.
function comparable(kind: string | undefined, value: string): number | string {
  if (kind === 'number') return Number(value);
  if (kind === 'datetime' || kind === 'date') return /^-?\d+$/.test(value) ? Number(value) : Date.parse(value);
  return value.toLowerCase();
}

function compare(a: number | string, b: number | string): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

function tokens(value: string): string[] {
  return value
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t !== '');
}

function containsToken(value: string, wanted: string): boolean {
  const pattern = wanted.toLowerCase();
  if (pattern.includes('*')) {
    const regex = new RegExp(
      `^${pattern
        .split('*')
        .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*')}$`,
    );
    return regex.test(value.toLowerCase()) || tokens(value).some((t) => regex.test(t));
  }
  return (
    value.toLowerCase() === pattern ||
    tokens(value).includes(pattern) ||
    tokens(pattern).every((t) => tokens(value).includes(t))
  );
}

function parseFilters(request: JsonObject, type: ObjectType, catalog: PropertyCatalog): Filter[][] {
  const groups = request.filterGroups ?? [];
  if (!Array.isArray(groups)) throw validationError('Invalid input JSON: "filterGroups" must be an array');
  if (groups.length > SEARCH_LIMITS.maxFilterGroups)
    throw validationError(`Too many filter groups: at most ${SEARCH_LIMITS.maxFilterGroups} are allowed`);
  const parsed = groups.map((group: unknown) => {
    const filters = (group as { filters?: unknown }).filters;
    if (!Array.isArray(filters)) throw validationError('Invalid input JSON: "filterGroups[].filters" must be an array');
    if (filters.length > SEARCH_LIMITS.maxFiltersPerGroup)
      throw validationError(`Too many filters in a group: at most ${SEARCH_LIMITS.maxFiltersPerGroup} are allowed`);
    return filters.map((raw: unknown): Filter => {
      const filter = raw as JsonObject;
      const propertyName = String(filter.propertyName ?? '');
      const operator = String(filter.operator ?? 'EQ') as Operator;
      if (!OPERATORS.includes(operator)) throw validationError(`Unknown filter operator: ${operator}`);
      if (!catalog.get(type, propertyName))
        throw validationError(`Property "${propertyName}" does not exist`, {
          context: { propertyName: [propertyName] },
        });
      return {
        propertyName,
        operator,
        ...(filter.value !== undefined ? { value: String(filter.value) } : {}),
        ...(filter.highValue !== undefined ? { highValue: String(filter.highValue) } : {}),
        ...(Array.isArray(filter.values) ? { values: filter.values.map(String) } : {}),
      };
    });
  });
  if (parsed.flat().length > SEARCH_LIMITS.maxFilters)
    throw validationError(`Too many filters: at most ${SEARCH_LIMITS.maxFilters} are allowed`);
  return parsed;
}

function parseSorts(request: JsonObject): Sort[] {
  const sorts = request.sorts ?? [];
  if (!Array.isArray(sorts)) throw validationError('Invalid input JSON: "sorts" must be an array');
  if (sorts.length > SEARCH_LIMITS.maxSorts) throw validationError('Only one sort is supported');
  // A sort is either `{ propertyName, direction }` or just the property name (ascending).
  return sorts.map((sort: unknown) =>
    typeof sort === 'string'
      ? { propertyName: sort.replace(/^-/, ''), descending: sort.startsWith('-') }
      : {
          propertyName: String((sort as JsonObject).propertyName ?? ''),
          descending: (sort as JsonObject).direction === 'DESCENDING',
        },
  );
}

function matches(record: CrmObject, filter: Filter, kind: string | undefined): boolean {
  const raw = record.properties[filter.propertyName];
  const stored = raw === undefined || raw === '' ? undefined : raw;
  const against = (v: string) => comparable(kind, v);
  switch (filter.operator) {
    case 'HAS_PROPERTY':
      return stored !== undefined;
    case 'NOT_HAS_PROPERTY':
      return stored === undefined;
    case 'NEQ':
      return stored === undefined || compare(against(stored), against(filter.value ?? '')) !== 0;
    case 'NOT_IN':
      return stored === undefined || !(filter.values ?? []).some((v) => compare(against(stored), against(v)) === 0);
    case 'NOT_CONTAINS_TOKEN':
      return stored === undefined || !containsToken(stored, filter.value ?? '');
  }
  if (stored === undefined) return false;
  const value = against(stored);
  const bound = against(filter.value ?? '');
  switch (filter.operator) {
    case 'EQ':
      return compare(value, bound) === 0;
    case 'LT':
      return compare(value, bound) < 0;
    case 'LTE':
      return compare(value, bound) <= 0;
    case 'GT':
      return compare(value, bound) > 0;
    case 'GTE':
      return compare(value, bound) >= 0;
    case 'BETWEEN':
      return compare(value, bound) >= 0 && compare(value, against(filter.highValue ?? '')) <= 0;
    case 'IN':
      return (filter.values ?? []).some((v) => compare(value, against(v)) === 0);
    case 'CONTAINS_TOKEN':
      return containsToken(stored, filter.value ?? '');
  }
  return false;
}

// Runs a search body against the records: filter groups are ORed, filters within a group ANDed.
export function search(
  type: ObjectType,
  records: CrmObject[],
  request: JsonObject,
  catalog: PropertyCatalog,
): SearchPage {
  const limit = request.limit === undefined ? 10 : Number(request.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > SEARCH_LIMITS.maxPageSize)
    throw validationError(`limit must be between 1 and ${SEARCH_LIMITS.maxPageSize}`);
  const after =
    request.after === undefined || request.after === null || request.after === '' ? 0 : Number(request.after);
  if (!Number.isInteger(after) || after < 0) throw validationError(`Invalid paging cursor: ${text(request.after)}`);
  if (after >= SEARCH_LIMITS.maxReachableResults)
    throw validationError(
      `Search results are limited to ${SEARCH_LIMITS.maxReachableResults} records; after=${after} is beyond that`,
    );
  const groups = parseFilters(request, type, catalog);
  const sorts = parseSorts(request);
  const query = text(request.query)?.trim().toLowerCase();

  const matching = records.filter(
    (record) =>
      (groups.length === 0 ||
        groups.some((filters) => filters.every((f) => matches(record, f, catalog.typeOf(type, f.propertyName))))) &&
      (!query ||
        QUERY_SEARCHED_PROPERTIES[type].some((name) => record.properties[name]?.toLowerCase().includes(query))),
  );

  const [sort] = sorts;
  const kind = sort ? catalog.typeOf(type, sort.propertyName) : undefined;
  // Each record's sort key is computed once, not once per comparison (dates are parsed to compare).
  const keyed = matching.map((record) => {
    const raw = sort ? record.properties[sort.propertyName] || undefined : undefined;
    return { record, key: raw === undefined ? undefined : comparable(kind, raw), id: Number(record.id) };
  });
  keyed.sort((a, b) => {
    if (sort) {
      // Records without a value come last either way.
      if (a.key === undefined && b.key !== undefined) return 1;
      if (b.key === undefined && a.key !== undefined) return -1;
      if (a.key !== undefined && b.key !== undefined) {
        const order = compare(a.key, b.key);
        if (order !== 0) return sort.descending ? -order : order;
      }
    }
    return a.id - b.id;
  });
  keyed.forEach((entry, i) => (matching[i] = entry.record));

  const end = Math.min(after + limit, SEARCH_LIMITS.maxReachableResults);
  return {
    total: matching.length,
    results: matching.slice(after, end),
    ...(end < matching.length ? { nextAfter: String(end) } : {}),
    ...(Array.isArray(request.properties) ? { properties: request.properties.map(String) } : {}),
  };
}
