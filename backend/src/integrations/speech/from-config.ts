import type { Logger } from '../../logger.ts';
import { DEFAULT_TIMEOUT_MS, OpenAiSpeech } from './openai-speech.ts';
import type { SpeechPort } from './port.ts';

/**
 * The service's speech settings: the OpenAI key and base URL the LLM uses (OPENAI_API_KEY, OPENAI_BASE_URL), a
 * transcription model (whisper-1 by default) and a timeout per recording (300,000 ms by default). Null, or neither
 * a key nor a base URL, means no provider: there is no built-in speech engine, so features that need one are off.
 */
export interface SpeechConfig {
  apiKey?: string;
  baseUrl?: string;
  model: string;
  timeoutMs: number;
}

export const DEFAULT_SPEECH_MODEL = 'whisper-1';

/** Throws for a model that gives no timestamps (gpt-4o-transcribe, gpt-4o-mini-transcribe): a wrong setting. */
export function speechFromConfig(config: SpeechConfig | null, deps: { logger?: Logger } = {}): SpeechPort | null {
  if (!config) return null;
  const apiKey = config.apiKey?.trim() || undefined;
  const baseUrl = config.baseUrl?.trim().replace(/\/+$/, '') || undefined;
  // OpenAI itself always wants a key; a base URL alone is a compatible server that may not.
  if (!apiKey && !baseUrl) return null;
  return new OpenAiSpeech({
    ...(apiKey ? { apiKey } : {}),
    ...(baseUrl ? { baseUrl } : {}),
    model: config.model.trim() || DEFAULT_SPEECH_MODEL,
    // Zero or less would give up before asking.
    timeoutMs: config.timeoutMs > 0 ? config.timeoutMs : DEFAULT_TIMEOUT_MS,
    ...(deps.logger ? { logger: deps.logger } : {}),
  });
}
