// `@salesforce/apex`.
export { refreshApex } from './wire.js';

export function getSObjectValue(record, field) {
  const name = typeof field === 'string' ? field : field && field.fieldApiName;
  return record && name ? record[name.split('.').pop()] : undefined;
}
