import { openAiSdk } from './sdk.ts';

export type UnavailableReason = 'network' | 'timeout' | 'server' | 'rate-limited' | 'auth';

/**
 * What an SDK failure means, before each adapter turns it into its own error: the provider out of reach for now
 * (`unavailable`), or an answer refusing this request (`refused`), whose status and message an adapter may read
 * further.
 */
export type ProviderFailure =
  | { kind: 'unavailable'; reason: UnavailableReason; status: number | undefined }
  | { kind: 'refused'; status: number | undefined; code: string | undefined; message: string };

/**
 * Runs after the SDK's own retries, so a 429 or 5xx seen here is one that lasted. Our deadline reaches the SDK as an
 * aborted signal, so an abort here is a timeout: the caller's own abort is handed back as it is before this is asked.
 */
export function classifyProviderError(error: unknown, deadlinePassed: boolean): ProviderFailure {
  const {
    APIConnectionError,
    APIConnectionTimeoutError,
    APIError,
    APIUserAbortError,
    AuthenticationError,
    PermissionDeniedError,
    RateLimitError,
  } = openAiSdk();
  // The deadline decides first: whether the SDK reports its passing as an abort, a timeout or a bare connection
  // error depends on which timer fires first and on how fetch words it.
  if (deadlinePassed || error instanceof APIConnectionTimeoutError || error instanceof APIUserAbortError) {
    return unavailable('timeout');
  }
  if (error instanceof APIConnectionError) return unavailable('network');
  if (error instanceof AuthenticationError || error instanceof PermissionDeniedError) {
    return unavailable('auth', error.status);
  }
  if (error instanceof RateLimitError) return unavailable('rate-limited', error.status);
  if (error instanceof APIError) {
    const status = error.status;
    // 408 and 409 are the SDK's retryable client errors: the server timing out or a lock, both passing.
    if (status === undefined || status >= 500 || status === 408 || status === 409) return unavailable('server', status);
    return { kind: 'refused', status, code: error.code ?? undefined, message: error.message };
  }
  // Anything else the SDK did not classify: treated as the connection failing.
  return unavailable('network');
}

function unavailable(reason: UnavailableReason, status?: number): ProviderFailure {
  return { kind: 'unavailable', reason, status };
}
