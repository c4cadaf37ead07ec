import type { Logger } from '../../logger.ts';
import { DEFAULT_TIMEOUT_MS, OpenAiLlm } from './openai-llm.ts';
import type { LlmPort } from './port.ts';

/**
 * The service's LLM settings, from OPENAI_API_KEY, OPENAI_BASE_URL, OPENAI_MODEL (gpt-4o-mini by default) and
 * LLM_TIMEOUT_MS (8,000 by default). Null, or neither a key nor a base URL, means no provider: features use their built-in engine.
 */
export interface LlmConfig {
  apiKey?: string;
  baseUrl?: string;
  model: string;
  timeoutMs: number;
}

export const DEFAULT_MODEL = 'gpt-4o-mini';

export function llmFromConfig(config: LlmConfig | null, deps: { logger?: Logger } = {}): LlmPort | null {
  if (!config) return null;
  const apiKey = config.apiKey?.trim() || undefined;
  const baseUrl = config.baseUrl?.trim().replace(/\/+$/, '') || undefined;
  // OpenAI itself always wants a key; a base URL alone is a compatible server that may not.
  if (!apiKey && !baseUrl) return null;
  return new OpenAiLlm({
    ...(apiKey ? { apiKey } : {}),
    ...(baseUrl ? { baseUrl } : {}),
    model: config.model || DEFAULT_MODEL,
    // Zero or less would give up before asking.
    timeoutMs: config.timeoutMs > 0 ? config.timeoutMs : DEFAULT_TIMEOUT_MS,
    ...(deps.logger ? { logger: deps.logger } : {}),
  });
}
