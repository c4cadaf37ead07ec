import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  PermissionDeniedError,
  RateLimitError,
} from 'openai';
import { LlmRequestError, LlmUnavailableError, type LlmError } from './errors.ts';

/**
 * An SDK failure as one of ours. Runs after the SDK's own retries, so a 429 or 5xx seen here is one that lasted.
 * Our deadline reaches the SDK as an aborted signal, so an abort here is a timeout: the caller's own abort is
 * handed back as it is before this is asked.
 */
export function fromProviderError(task: string, error: unknown, deadlinePassed = false): LlmError {
  const cause = { cause: error };
  // The deadline decides first: whether the SDK reports its passing as an abort, a timeout or a bare connection
  // error depends on which timer fires first and on how fetch words it.
  if (deadlinePassed || error instanceof APIConnectionTimeoutError || error instanceof APIUserAbortError) {
    return new LlmUnavailableError(task, 'timeout', undefined, cause);
  }
  if (error instanceof APIConnectionError) return new LlmUnavailableError(task, 'network', undefined, cause);
  if (error instanceof AuthenticationError || error instanceof PermissionDeniedError) {
    return new LlmUnavailableError(task, 'auth', error.status, cause);
  }
  if (error instanceof RateLimitError) return new LlmUnavailableError(task, 'rate-limited', error.status, cause);
  if (error instanceof APIError) {
    const status = error.status;
    // 408 and 409 are the SDK's retryable client errors: the server timing out or a lock, both passing.
    if (status === undefined || status >= 500 || status === 408 || status === 409) {
      return new LlmUnavailableError(task, 'server', status, cause);
    }
    return new LlmRequestError(task, status, error.code ?? undefined, cause);
  }
  // Anything else the SDK did not classify: treated as the connection failing.
  return new LlmUnavailableError(task, 'network', undefined, cause);
}
