import { domainOf } from '../../companies/web-domain.ts';
import type { ObjectFieldMap } from './default-mapping.ts';
import type { CrmRecord } from './port.ts';
import type { Column, Row } from './record-store.ts';

/**
 * Turns CRM records into rows of the suite's tables through the tenant's field mapping. CRMs disagree on types
 * (Salesforce sends numbers and booleans, HubSpot sends every value as a string; dates come as dates, datetimes or
 * epoch milliseconds), so every value is read leniently: what cannot be read becomes null, never an error that
 * would stop the sync for one odd record.
 */

export function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const s = String(value).trim();
  return s === '' ? null : s;
}

export function number(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  const s = text(value);
  if (s === null) return null;
  const n = Number(s.replace(/[,\s]/g, ''));
  return Number.isFinite(n) ? n : null;
}

export function integer(value: unknown): number | null {
  const n = number(value);
  return n === null ? null : Math.max(-2_147_483_648, Math.min(2_147_483_647, Math.round(n)));
}

export function bool(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  const s = text(value)?.toLowerCase();
  return s === 'true' ? true : s === 'false' ? false : null;
}

export function time(value: unknown): string | null {
  const s = text(value);
  if (s === null) return null;
  const date = /^\d{10,13}$/.test(s) ? new Date(Number(s)) : new Date(s.replace(/\+0000$/, 'Z'));
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** The CRM fields to ask for: every mapped field, and the custom fields admins mapped to features. */
export function fieldsToRead(map: ObjectFieldMap, customFields: string[]): string[] {
  return [...new Set([...Object.values(map).filter((f): f is string => !!f), ...customFields])];
}

const get = (record: CrmRecord, map: ObjectFieldMap, field: string) => {
  const name = map[field];
  return name ? record.fields[name] : undefined;
};

/** Columns a mapping writes, so unmapped ones are left as they are. */
function mappedColumns(map: ObjectFieldMap, spec: Record<string, Column>): Column[] {
  return Object.entries(spec)
    .filter(([field]) => !!map[field])
    .map(([, column]) => column);
}

const COMPANY_COLUMNS: Record<string, Column> = {
  name: { name: 'name', type: 'text' },
  website: { name: 'website', type: 'text' },
  industry: { name: 'industry', type: 'text' },
  employees: { name: 'employees', type: 'int' },
  annualRevenue: { name: 'annualRevenue', type: 'numeric' },
  country: { name: 'country', type: 'text' },
  region: { name: 'region', type: 'text' },
  city: { name: 'city', type: 'text' },
  postcode: { name: 'postcode', type: 'text' },
  owner: { name: 'ownerId', type: 'text' },
};

/**
 * Companies. `ownerIds` resolves the CRM's account owner to our user; an owner the roster does not know is stored
 * as no owner rather than guessed.
 */
export function companyRows(
  records: CrmRecord[],
  map: ObjectFieldMap,
  customFields: string[],
  refs: { ownerIds: Map<string, string> },
) {
  const columns = [
    ...mappedColumns(map, COMPANY_COLUMNS),
    ...(map.website ? [{ name: 'domain', type: 'text' } as Column] : []),
    { name: 'customFields', type: 'jsonb' } as Column,
  ];
  const rows: Row[] = records.map((record) => {
    const website = text(get(record, map, 'website'));
    return {
      crmId: record.crmId,
      name: text(get(record, map, 'name')) ?? domainOf(website) ?? `Company ${record.crmId}`,
      website,
      domain: domainOf(website),
      industry: text(get(record, map, 'industry')),
      employees: integer(get(record, map, 'employees')),
      annualRevenue: number(get(record, map, 'annualRevenue')),
      country: text(get(record, map, 'country')),
      region: text(get(record, map, 'region')),
      city: text(get(record, map, 'city')),
      postcode: text(get(record, map, 'postcode')),
      ownerId: refs.ownerIds.get(text(get(record, map, 'owner')) ?? '') ?? null,
      customFields: customValues(record, customFields),
    };
  });
  return { columns, rows };
}

function customValues(record: CrmRecord, customFields: string[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const field of customFields) if (field in record.fields) values[field] = record.fields[field];
  return values;
}

const PERSON_COLUMNS: Record<string, Column> = {
  firstName: { name: 'firstName', type: 'text' },
  lastName: { name: 'lastName', type: 'text' },
  email: { name: 'email', type: 'text' },
  phone: { name: 'phone', type: 'text' },
  title: { name: 'title', type: 'text' },
  companyName: { name: 'companyName', type: 'text' },
  source: { name: 'source', type: 'text' },
  status: { name: 'status', type: 'text' },
  country: { name: 'country', type: 'text' },
  region: { name: 'region', type: 'text' },
  language: { name: 'language', type: 'text' },
  owner: { name: 'ownerId', type: 'text' },
  convertedAt: { name: 'convertedAt', type: 'timestamp' },
  createdAt: { name: 'createdAt', type: 'timestamp' },
};

/**
 * Leads and contacts. `companyIds` resolves the CRM's company reference (an Account id, HubSpot's associated
 * company) to ours; `ownerIds` the CRM user to ours. A Salesforce lead carries its company's firmographics itself:
 * those are stored as a company of the lead's own (`lead:<id>`), so scoring reads them the same way as an account's.
 */
export function personRows(
  object: 'lead' | 'contact',
  records: CrmRecord[],
  map: ObjectFieldMap,
  customFields: string[],
  refs: { companyIds: Map<string, string>; ownerIds: Map<string, string> },
) {
  const columns = [
    { name: 'crmType', type: 'text' } as Column,
    { name: 'lastName', type: 'text' } as Column,
    ...mappedColumns(map, PERSON_COLUMNS).filter((c) => c.name !== 'lastName'),
    ...(map.company || map.industry || map.employees || map.website
      ? [{ name: 'companyId', type: 'text' } as Column]
      : []),
    { name: 'crmUpdatedAt', type: 'timestamp' } as Column,
    { name: 'customFields', type: 'jsonb' } as Column,
  ];
  const rows: Row[] = records.map((record) => {
    const email = text(get(record, map, 'email'));
    const companyRef = text(get(record, map, 'company'));
    const ownCompany = refs.companyIds.get(`lead:${record.crmId}`);
    return {
      crmId: record.crmId,
      crmType: object,
      firstName: text(get(record, map, 'firstName')),
      lastName: text(get(record, map, 'lastName')) ?? email?.split('@')[0] ?? `(no name) ${record.crmId}`,
      email,
      phone: text(get(record, map, 'phone')),
      title: text(get(record, map, 'title')),
      companyName: text(get(record, map, 'companyName')),
      source: text(get(record, map, 'source')),
      status: text(get(record, map, 'status')) ?? 'new',
      country: text(get(record, map, 'country')),
      region: text(get(record, map, 'region')),
      language: text(get(record, map, 'language')),
      ownerId: refs.ownerIds.get(text(get(record, map, 'owner')) ?? '') ?? null,
      convertedAt: time(get(record, map, 'convertedAt')),
      createdAt: time(get(record, map, 'createdAt')) ?? record.modifiedAt,
      companyId: (companyRef ? refs.companyIds.get(companyRef) : ownCompany) ?? ownCompany ?? null,
      crmUpdatedAt: record.modifiedAt,
      customFields: customValues(record, customFields),
    };
  });
  return { columns, rows };
}

/**
 * A Salesforce lead's own firmographics, as the company row `personRows` links it to. It has no account owner: the
 * lead's owner works the lead, not an account, so routing must not treat this row as an owned account.
 */
export function leadCompanyRows(records: CrmRecord[], map: ObjectFieldMap) {
  const companyMap: ObjectFieldMap = {
    name: map.companyName ?? null,
    website: map.website ?? null,
    industry: map.industry ?? null,
    employees: map.employees ?? null,
    annualRevenue: map.annualRevenue ?? null,
    country: map.country ?? null,
    region: map.region ?? null,
  };
  if (!map.industry && !map.employees && !map.website && !map.annualRevenue) return null;
  const { columns, rows } = companyRows(
    records.map((record) => ({ ...record, crmId: `lead:${record.crmId}` })),
    companyMap,
    [],
    { ownerIds: new Map() },
  );
  return { columns: columns.filter((c) => c.name !== 'customFields'), rows };
}

const DEAL_COLUMNS: Record<string, Column> = {
  name: { name: 'name', type: 'text' },
  stage: { name: 'stage', type: 'text' },
  amount: { name: 'amount', type: 'numeric' },
  currency: { name: 'currency', type: 'text' },
  closeDate: { name: 'closeDate', type: 'timestamp' },
  isClosed: { name: 'isClosed', type: 'bool' },
  isWon: { name: 'isWon', type: 'bool' },
  owner: { name: 'ownerId', type: 'text' },
  createdAt: { name: 'createdAt', type: 'timestamp' },
};

export function dealRows(
  records: CrmRecord[],
  map: ObjectFieldMap,
  refs: { companyIds: Map<string, string>; leadIds: Map<string, string>; ownerIds: Map<string, string> },
  defaultCurrency: string,
) {
  const columns = [
    { name: 'name', type: 'text' } as Column,
    { name: 'stage', type: 'text' } as Column,
    ...mappedColumns(map, DEAL_COLUMNS).filter((c) => c.name !== 'name' && c.name !== 'stage'),
    { name: 'companyId', type: 'text' } as Column,
    { name: 'leadId', type: 'text' } as Column,
  ];
  const rows: Row[] = records.map((record) => {
    const companyRef = text(get(record, map, 'company')) ?? record.related?.company?.[0] ?? null;
    const contactRef = text(get(record, map, 'contact')) ?? record.related?.contact?.[0] ?? null;
    const isWon = bool(get(record, map, 'isWon')) ?? false;
    return {
      crmId: record.crmId,
      name: text(get(record, map, 'name')) ?? `Deal ${record.crmId}`,
      stage: text(get(record, map, 'stage')) ?? 'unknown',
      amount: number(get(record, map, 'amount')),
      currency: text(get(record, map, 'currency')) ?? defaultCurrency,
      closeDate: time(get(record, map, 'closeDate')),
      isClosed: bool(get(record, map, 'isClosed')) ?? isWon,
      isWon,
      ownerId: refs.ownerIds.get(text(get(record, map, 'owner')) ?? '') ?? null,
      createdAt: time(get(record, map, 'createdAt')) ?? record.modifiedAt,
      companyId: companyRef ? (refs.companyIds.get(companyRef) ?? null) : null,
      leadId: contactRef ? (refs.leadIds.get(contactRef) ?? null) : null,
    };
  });
  return { columns, rows };
}

/** The contract's activity types; whatever else a CRM calls a touch counts as a task. */
const ACTIVITY_TYPES: Record<string, string> = {
  call: 'call',
  email: 'email',
  listemail: 'email',
  meeting: 'meeting',
  event: 'meeting',
  note: 'note',
  linkedin: 'social',
  task: 'task',
};
const DIRECTIONS = new Set(['inbound', 'outbound']);

/** The person a touch is about: a field (Salesforce's WhoId) or, failing that, its first associated contact. */
export function whoOf(record: CrmRecord, map: ObjectFieldMap): string | null {
  return text(get(record, map, 'who')) ?? record.related?.contact?.[0] ?? record.related?.lead?.[0] ?? null;
}

/** Touches; one whose person is not (yet) known here is skipped, and counted by the caller. */
export function activityRows(records: CrmRecord[], map: ObjectFieldMap, leadIds: Map<string, string>) {
  const columns: Column[] = [
    { name: 'leadId', type: 'text' },
    { name: 'type', type: 'text' },
    { name: 'subject', type: 'text' },
    { name: 'direction', type: 'text' },
    { name: 'outcome', type: 'text' },
    { name: 'occurredAt', type: 'timestamp' },
  ];
  const rows: Row[] = [];
  for (const record of records) {
    const leadId = leadIds.get(whoOf(record, map) ?? '');
    if (!leadId) continue;
    const kind = text(get(record, map, 'type'))?.toLowerCase() ?? 'task';
    const direction = text(get(record, map, 'direction'))?.toLowerCase() ?? null;
    rows.push({
      crmId: record.crmId,
      leadId,
      type: ACTIVITY_TYPES[kind] ?? 'task',
      subject: text(get(record, map, 'subject')),
      direction: DIRECTIONS.has(direction ?? '') ? direction : null,
      outcome: text(get(record, map, 'outcome')),
      occurredAt: time(get(record, map, 'occurredAt')) ?? record.modifiedAt,
    });
  }
  return { columns, rows };
}
