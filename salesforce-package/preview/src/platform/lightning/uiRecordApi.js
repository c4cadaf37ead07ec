import { asList, getObject } from '../backend.js';
import { objectOf } from '../apex/records.js';

// lightning/uiRecordApi, read-only: a record's fields come from the service's copy of the lead it was synced from
// (the preview has no org). Enough for a record page's header; writes are not part of the preview.

const STATUS_LABELS = {
  new: 'Open - Not Contacted',
  working: 'Working - Contacted',
  nurturing: 'Nurturing',
  qualified: 'Qualified',
  unqualified: 'Unqualified',
  converted: 'Closed - Converted',
};

function fieldValues(lead) {
  const name = [lead.firstName, lead.lastName].filter(Boolean).join(' ');
  return {
    Id: lead.crmId,
    Name: name,
    FirstName: lead.firstName,
    LastName: lead.lastName,
    Title: lead.title,
    Company: lead.companyName,
    Email: lead.email,
    Phone: lead.phone,
    Status: STATUS_LABELS[lead.status] || lead.status,
    LeadSource: lead.source,
    Country: lead.country,
  };
}

function fieldName(field) {
  const name = typeof field === 'string' ? field : field && field.fieldApiName;
  return typeof name === 'string' ? name.split('.').pop() : undefined;
}

function toRecord(lead, apiName, wanted) {
  const values = fieldValues(lead);
  const fields = {};
  wanted.forEach((field) => {
    const name = fieldName(field);
    if (name && name in values) fields[name] = { value: values[name] ?? null, displayValue: null };
  });
  return { apiName, id: lead.crmId, fields, childRelationships: {}, recordTypeId: null };
}

function notFound() {
  return {
    status: 404,
    statusText: 'Not Found',
    ok: false,
    body: [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }],
  };
}

async function readRecord(recordId, wanted) {
  const leads = asList((await getObject('/v1/leads', { crmId: recordId, limit: '1' })).data);
  if (leads.length === 0) throw notFound();
  return toRecord(leads[0], objectOf(recordId) || 'Lead', wanted);
}

export class getRecord {
  constructor(dataCallback) {
    this.dataCallback = dataCallback;
    this.connected = false;
    this.config = undefined;
    this.request = 0;
  }

  connect() {
    this.connected = true;
    if (this.config) this.fetch();
  }

  disconnect() {
    this.connected = false;
    this.request += 1;
  }

  update(config) {
    if (!config || !config.recordId) return;
    this.config = config;
    if (this.connected) this.fetch();
  }

  async fetch() {
    this.request += 1;
    const request = this.request;
    const wanted = [...(this.config.fields || []), ...(this.config.optionalFields || [])];
    let result;
    try {
      result = { data: await readRecord(this.config.recordId, wanted), error: undefined };
    } catch (error) {
      result = {
        data: undefined,
        error: error && error.body ? error : { status: 503, body: { message: error.message } },
      };
    }
    if (request === this.request && this.connected) this.dataCallback(result);
  }
}

export function getFieldValue(record, field) {
  const entry = record && record.fields && record.fields[fieldName(field)];
  return entry ? entry.value : undefined;
}

export function getFieldDisplayValue(record, field) {
  const entry = record && record.fields && record.fields[fieldName(field)];
  return entry ? (entry.displayValue ?? entry.value) : undefined;
}

/** Lightning refreshes records it holds; the preview reads them afresh each time, so there is nothing to do. */
export function notifyRecordUpdateAvailable() {
  return Promise.resolve();
}
