import type { BatchItemError } from './error-bodies.ts';

// The envelope of HubSpot's batch responses. With errors it is served as 207 Multi-Status.
export function batchResponse<T>(startedAt: Date, completedAt: Date, results: T[], errors: BatchItemError[] = []) {
  return {
    status: 'COMPLETE',
    results,
    ...(errors.length > 0 ? { numErrors: errors.length, errors } : {}),
    startedAt: startedAt.toISOString(),
    completedAt: completedAt.toISOString(),
  };
}
