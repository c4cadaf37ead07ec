import { classifyProviderError } from '../openai/provider-errors.ts';
import { LlmRequestError, LlmUnavailableError, type LlmError } from './errors.ts';

/** An SDK failure as one of ours (see `classifyProviderError` for how the deadline and the SDK's retries count). */
export function fromProviderError(task: string, error: unknown, deadlinePassed = false): LlmError {
  const cause = { cause: error };
  const failure = classifyProviderError(error, deadlinePassed);
  if (failure.kind === 'unavailable') return new LlmUnavailableError(task, failure.reason, failure.status, cause);
  return new LlmRequestError(task, failure.status, failure.code, cause);
}
