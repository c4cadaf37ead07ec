import type OpenAI from 'openai';
import type { Logger } from '../../logger.ts';
import { openAiConnection } from '../openai/client.ts';
import { LlmOutputError } from './errors.ts';
import type { LlmPort, LlmRequest } from './port.ts';
import { composeMessages } from './prompt.ts';
import { fromProviderError } from './provider-errors.ts';
import { readReply, responseFormat } from './structured-output.ts';

export { OPENAI_API_URL } from '../openai/client.ts';
export const DEFAULT_TIMEOUT_MS = 8_000;
// One retry of a 429, 5xx or dropped connection inside the deadline; more would rarely fit in it anyway.
export const DEFAULT_SDK_RETRIES = 1;
// A reply that is not what the schema asks for gets one more sample.
const MAX_ATTEMPTS = 2;

export interface OpenAiLlmOptions {
  /** Absent: requests go without an Authorization header (local OpenAI-compatible servers that want none). */
  apiKey?: string;
  /** Any OpenAI-compatible Chat Completions server, `/v1` included; OpenAI's own by default. */
  baseUrl?: string;
  model: string;
  /** Each call's budget unless the request sets its own. */
  timeoutMs?: number;
  /** The SDK's retries of 408/409/429/5xx and connection failures, per request sent. */
  maxRetries?: number;
  logger?: Logger;
}

/**
 * The production `LlmPort`: Chat Completions through the `openai` SDK with a strict JSON schema as the response
 * format. Every SDK setting that would otherwise come from the environment (key, base URL, organization, project,
 * admin key) is given explicitly, so what the service was configured with is all that is used.
 */
export class OpenAiLlm implements LlmPort {
  readonly name: string;
  readonly #client: OpenAI;
  readonly #model: string;
  readonly #timeoutMs: number;
  readonly #maxRetries: number;
  readonly #logger: Logger | undefined;

  constructor(options: OpenAiLlmOptions) {
    this.#model = options.model;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#maxRetries = options.maxRetries ?? DEFAULT_SDK_RETRIES;
    const connection = openAiConnection('llm', {
      ...options,
      timeoutMs: this.#timeoutMs,
      maxRetries: this.#maxRetries,
    });
    this.#logger = connection.logger;
    this.name = connection.name;
    this.#client = connection.client;
  }

  async complete<T>(request: LlmRequest<T>): Promise<T> {
    request.signal?.throwIfAborted();
    const started = performance.now();
    const timeoutMs = request.timeoutMs ?? this.#timeoutMs;
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, deadline]) : deadline;
    const body = {
      model: this.#model,
      messages: composeMessages(request),
      response_format: responseFormat(request.schema, request.schemaName),
    };
    const log = this.#logger?.child({ task: request.task });

    for (let attempt = 1; ; attempt += 1) {
      let completion: OpenAI.ChatCompletion;
      try {
        completion = await this.#client.chat.completions.create(body, {
          signal,
          timeout: timeoutMs,
          maxRetries: this.#maxRetries,
        });
      } catch (error) {
        if (request.signal?.aborted) throw request.signal.reason;
        const failure = fromProviderError(request.task, error, deadline.aborted);
        log?.warn({ err: failure, attempt, ms: Math.round(performance.now() - started) }, 'llm call failed');
        throw failure;
      }

      const reply = readReply(completion.choices[0], request.schema);
      const usage = {
        promptTokens: completion.usage?.prompt_tokens,
        completionTokens: completion.usage?.completion_tokens,
      };
      if (reply.ok) {
        log?.debug({ attempt, ms: Math.round(performance.now() - started), ...usage }, 'llm call answered');
        return reply.value;
      }
      log?.warn({ attempt, problem: reply.problem, issues: reply.issues, ...usage }, 'llm reply unusable');
      if (!reply.retryable || attempt >= MAX_ATTEMPTS) {
        throw new LlmOutputError(request.task, reply.problem, attempt, reply.issues);
      }
    }
  }
}
