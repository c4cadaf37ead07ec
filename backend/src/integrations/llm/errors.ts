/**
 * What can go wrong asking a model, in three kinds a caller can act on. All of them mean "use the built-in engine
 * this time" (`withFallback` does); they differ in what an operator should look at. Messages name the task and the
 * problem, never the prompt or the reply, which may quote untrusted material.
 */
export abstract class LlmError extends Error {
  readonly task: string;

  constructor(task: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.task = task;
  }
}

/**
 * The provider could not be reached or would not serve us right now: a dropped connection, our deadline, a 5xx or
 * 429 that outlasted the SDK's retries, or credentials it refused (`auth`: 401/403, which no retry fixes but which
 * is still an outage from the caller's side, so it falls back like the others).
 */
export type UnavailableReason = 'network' | 'timeout' | 'server' | 'rate-limited' | 'auth';

export class LlmUnavailableError extends LlmError {
  override readonly name = 'LlmUnavailableError';
  readonly reason: UnavailableReason;
  // The HTTP status, when there was an answer.
  readonly status: number | undefined;

  constructor(task: string, reason: UnavailableReason, status?: number, options?: { cause?: unknown }) {
    super(task, `LLM unavailable for ${task}: ${reason}${status === undefined ? '' : ` (HTTP ${status})`}`, options);
    this.reason = reason;
    this.status = status;
  }
}

/**
 * The provider refused this request (400, 404, 413, 422…): an unknown model, a schema its strict mode does not
 * take, a prompt over the context window. Retrying the same request cannot help; the configuration or the calling
 * code needs a look.
 */
export class LlmRequestError extends LlmError {
  override readonly name = 'LlmRequestError';
  readonly status: number | undefined;
  // The provider's error code (`model_not_found`, `context_length_exceeded`…), when it gave one.
  readonly code: string | undefined;

  constructor(task: string, status: number | undefined, code: string | undefined, options?: { cause?: unknown }) {
    super(task, `LLM refused the request for ${task}: HTTP ${status ?? '?'}${code ? ` ${code}` : ''}`, options);
    this.status = status;
    this.code = code;
  }
}

/**
 * The model answered, but not with something usable: no content, text that is not JSON, JSON that fails the zod
 * schema, an answer cut off at the token limit, or a refusal (the model's own, or the provider's content filter).
 */
export type OutputProblem = 'empty' | 'invalid-json' | 'schema' | 'truncated' | 'refusal' | 'content-filter';

export interface OutputIssue {
  path: (string | number)[];
  message: string;
}

export class LlmOutputError extends LlmError {
  override readonly name = 'LlmOutputError';
  readonly problem: OutputProblem;
  // Requests made before giving up.
  readonly attempts: number;
  // For `schema`: where the reply broke the schema (paths and zod's messages, no values).
  readonly issues: OutputIssue[];

  constructor(task: string, problem: OutputProblem, attempts: number, issues: OutputIssue[] = []) {
    super(task, `LLM reply for ${task} unusable after ${attempts} attempt(s): ${problem}`);
    this.problem = problem;
    this.attempts = attempts;
    this.issues = issues;
  }
}
