import { createRequire } from 'node:module';
import type * as OpenAiSdk from 'openai';

const load = createRequire(import.meta.url);

/**
 * OpenAI's SDK, loaded when a provider is configured and first asked rather than by every start (most installs
 * run on the built-in engines). Every use in the service goes through here, so its classes are one copy: errors
 * thrown by a client are instances of the classes `provider-errors.ts` checks.
 */
export function openAiSdk(): typeof OpenAiSdk {
  return load('openai') as typeof OpenAiSdk;
}
