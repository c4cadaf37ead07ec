import { asList, asObject, getObject, idOf } from '../backend.js';
import { failure } from './failure.js';

// SdrRecords.cls: the record a component sits on, checked before anything is asked of the backend. Salesforce knows a
// record's object from its id's key prefix; the preview has no org to ask whether the user may see it, so only the
// object is checked.

const OBJECTS = { '00Q': 'Lead', '003': 'Contact', '006': 'Opportunity', '001': 'Account' };

export function objectOf(recordId) {
  return typeof recordId === 'string' && /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/.test(recordId)
    ? OBJECTS[recordId.slice(0, 3)]
    : undefined;
}

export function requireVisible(recordId, allowed, wrongObjectMessage) {
  const kind = objectOf(recordId);
  if (!kind || !allowed.includes(kind)) throw failure(wrongObjectMessage);
}

/** The backend's id of the lead synced from this record, or null when it has none. */
export async function leadIdFor(recordId) {
  const leads = asList((await getObject('/v1/leads', { crmId: recordId, limit: '1' })).data);
  return leads.length === 0 ? null : idOf(asObject(leads[0]));
}
