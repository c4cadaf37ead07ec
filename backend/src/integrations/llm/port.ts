/**
 * What the suite asks of a language model: one structured answer to one task. Features keep a built-in engine
 * (rules, templates) for every task they give a model, so a missing or failing provider costs quality, never the
 * feature; see `withFallback`.
 */
import type { z } from 'zod';

export interface LlmRequest<T> {
  /** A short name for logs and metrics: 'call-suggestion', 'email-draft'. */
  task: string;
  /** Who the model is and how it should work. Written by us: never interpolate untrusted text into it. */
  system: string;
  /**
   * The material to work on: transcripts, CRM fields, web pages. Untrusted: it reaches the model as a quoted JSON
   * document, never as instructions, so anything may go in here and nothing else should carry it.
   */
  data: Record<string, unknown>;
  /** What to do with the data. Written by us, like `system`. */
  instructions: string;
  /**
   * The answer's shape. It is sent as a strict JSON schema, so it must stay within what Structured Outputs takes:
   * an object at the root, every field present (`.nullable()` rather than `.optional()`), no transforms or dates.
   */
  schema: z.ZodType<T>;
  /** The schema's name as the provider sees it: letters, digits, `_` and `-`, at most 64. */
  schemaName: string;
  /** The whole call's budget, retries included: the provider's default when absent (8 s). */
  timeoutMs?: number;
  /** The caller giving up: the call rejects with the signal's reason, not an `LlmError`. */
  signal?: AbortSignal;
}

export interface LlmPort {
  /** The provider and model, for logs: 'openai:gpt-4o-mini'. */
  readonly name: string;
  /**
   * The model's answer, validated against `request.schema`. Rejects with an `LlmError` when the provider is down
   * or refuses (`LlmUnavailableError`, `LlmRequestError`) or its answer is unusable after one retry
   * (`LlmOutputError`).
   */
  complete<T>(request: LlmRequest<T>): Promise<T>;
}
