export type { LlmPort, LlmRequest } from './port.ts';
export {
  LlmError,
  LlmOutputError,
  LlmRequestError,
  LlmUnavailableError,
  type OutputIssue,
  type OutputProblem,
  type UnavailableReason,
} from './errors.ts';
export { withFallback, type Answer } from './fallback.ts';
export { DEFAULT_MODEL, llmFromConfig, type LlmConfig } from './from-config.ts';
export { DEFAULT_SDK_RETRIES, DEFAULT_TIMEOUT_MS, OpenAiLlm, type OpenAiLlmOptions } from './openai-llm.ts';
export { composeMessages, quoteData } from './prompt.ts';
export { responseFormat } from './structured-output.ts';
