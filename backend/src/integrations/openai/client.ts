import type OpenAI from 'openai';
import { openAiSdk } from './sdk.ts';
import type { Logger } from '../../logger.ts';

export const OPENAI_API_URL = 'https://api.openai.com/v1';

export interface OpenAiClientOptions {
  /** Absent: requests go without an Authorization header (local OpenAI-compatible servers that want none). */
  apiKey?: string;
  /** Any OpenAI-compatible server, `/v1` included; OpenAI's own by default. */
  baseUrl?: string;
  timeoutMs: number;
  maxRetries: number;
  /** The SDK's own warnings (retries, deprecations); none are logged without one. */
  logger?: Logger;
}

/**
 * The `openai` SDK client the adapters share. Every setting the SDK would otherwise read from the environment (key,
 * base URL, organization, project, admin key) is given explicitly, so what the service was configured with is all
 * that is used.
 */
export function openAiClient(options: OpenAiClientOptions): OpenAI {
  return new (openAiSdk().OpenAI)({
    // The SDK insists on a key; without one, the header it would make is removed again.
    apiKey: options.apiKey ?? 'none',
    ...(options.apiKey ? {} : { defaultHeaders: { Authorization: null } }),
    baseURL: options.baseUrl ?? OPENAI_API_URL,
    organization: null,
    project: null,
    adminAPIKey: null,
    maxRetries: options.maxRetries,
    timeout: options.timeoutMs,
    ...(options.logger ? { logger: options.logger, logLevel: 'warn' as const } : { logLevel: 'off' as const }),
  });
}

/**
 * What each adapter builds from its options: the client, a name for logs ("openai:whisper-1", or
 * "openai-compatible:…" for another server) and a logger tagged with the component and model.
 */
export function openAiConnection(
  component: 'llm' | 'speech',
  options: { apiKey?: string; baseUrl?: string; model: string; timeoutMs: number; maxRetries: number; logger?: Logger },
) {
  const logger = options.logger?.child({ component, provider: 'openai', model: options.model });
  return {
    name: `${options.baseUrl ? 'openai-compatible' : 'openai'}:${options.model}`,
    logger,
    client: openAiClient({
      ...(options.apiKey ? { apiKey: options.apiKey } : {}),
      ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
      timeoutMs: options.timeoutMs,
      maxRetries: options.maxRetries,
      ...(logger ? { logger } : {}),
    }),
  };
}
