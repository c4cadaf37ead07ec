import { correlationId, missingRecordsError, rateLimitBody, type BatchItemError } from './error-bodies.ts';
import { SINGULAR, type ObjectType } from './object-types.ts';

export interface FaultMatch {
  method?: string;
  // A string matches the request path exactly; a RegExp is tested against it.
  path: RegExp | string;
}

export interface Fault {
  status: number;
  // A string is sent as it is (say, an HTML error page from a proxy); anything else as JSON.
  body?: unknown;
  headers?: Record<string, string>;
  times?: number;
}

interface PlannedFault {
  match: FaultMatch;
  fault: Fault;
  remaining: number;
}

interface PlannedRecordFailure {
  objectType: ObjectType;
  id: string;
  remaining: number;
  error?: Partial<BatchItemError>;
}

export interface ServedFault {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

function defaultBody(status: number): unknown {
  if (status === 429) return rateLimitBody('TEN_SECONDLY_ROLLING');
  if (status >= 500) return { status: 'error', message: 'internal error', correlationId: correlationId() };
  return { status: 'error', message: `HTTP ${status}`, correlationId: correlationId(), category: 'VALIDATION_ERROR' };
}

// Failures a test plans ahead: whole responses (`failNext`) and single records inside batches (`failRecord`).
export class FaultPlan {
  readonly #faults: PlannedFault[] = [];
  readonly #records: PlannedRecordFailure[] = [];

  failNext(match: FaultMatch, fault: Fault): void {
    this.#faults.push({ match, fault, remaining: fault.times ?? 1 });
  }

  take(method: string, path: string): ServedFault | undefined {
    const planned = this.#faults.find(
      ({ match, remaining }) =>
        remaining > 0 &&
        (match.method === undefined || match.method.toUpperCase() === method) &&
        (typeof match.path === 'string' ? match.path === path : match.path.test(path)),
    );
    if (!planned) return undefined;
    planned.remaining -= 1;
    const { fault } = planned;
    return { status: fault.status, body: fault.body ?? defaultBody(fault.status), headers: fault.headers ?? {} };
  }

  failRecord(objectType: ObjectType, id: string, times: number, error?: Partial<BatchItemError>): void {
    this.#records.push({ objectType, id, remaining: times, ...(error ? { error } : {}) });
  }

  // The error the record reports this time, if one is planned; a record that fails looks, by default, like one
  // deleted while the batch ran.
  takeRecordFailure(objectType: ObjectType, id: string): BatchItemError | undefined {
    const planned = this.#records.find((r) => r.remaining > 0 && r.objectType === objectType && r.id === id);
    if (!planned) return undefined;
    planned.remaining -= 1;
    return { ...missingRecordsError(SINGULAR[objectType], [id]), ...planned.error };
  }
}
