import { LlmError } from './errors.ts';
import type { LlmPort, LlmRequest } from './port.ts';

export interface Answer<T> {
  value: T;
  // Where the value came from, for metrics and for telling the user how it was made.
  source: 'llm' | 'rules';
}

/**
 * The model's answer when there is a provider and it delivers, the built-in engine's otherwise. Provider trouble of
 * any kind (`LlmError`) is absorbed here; what is not provider trouble still rejects: the caller's own abort, a
 * schema strict mode cannot express, and whatever the fallback itself throws.
 */
export async function withFallback<T>(
  llm: LlmPort | null,
  request: LlmRequest<T>,
  fallback: () => T | Promise<T>,
): Promise<Answer<T>> {
  if (llm) {
    try {
      return { value: await llm.complete(request), source: 'llm' };
    } catch (error) {
      if (!(error instanceof LlmError)) throw error;
    }
  }
  return { value: await fallback(), source: 'rules' };
}
