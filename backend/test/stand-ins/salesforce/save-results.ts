import type { RecordError } from './errors.ts';
import type { Committed, Planned } from './records.ts';

/** SaveResult objects as the REST API returns them from creates, updates, deletes and sObject Collections. */

export interface SaveResult {
  id?: string;
  success: boolean;
  errors: RecordError[];
}

export function successResult(committed: Committed): SaveResult {
  // Publishing a platform event is asynchronous; Salesforce says so with a status code among the "errors".
  const errors = committed.eventUuid
    ? [{ statusCode: 'OPERATION_ENQUEUED', message: committed.eventUuid, fields: [] }]
    : [];
  return { id: committed.id, success: true, errors };
}

export function failureResult(planned: Extract<Planned, { ok: false }>): SaveResult {
  return { ...(planned.id ? { id: planned.id } : {}), success: false, errors: planned.errors };
}

export const ROLLED_BACK: RecordError = {
  statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  message: 'Record rolled back because not all records were valid and the request was using AllOrNone header',
  fields: [],
};
