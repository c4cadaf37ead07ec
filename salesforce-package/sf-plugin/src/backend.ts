import { Messages, SfError } from '@salesforce/core';
import { Problem } from '@sdr/shared';
import type { z } from 'zod';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sdr/sf-plugin-sdr', 'sdr.backend');

/**
 * The SDR service's /v1 API over fetch: answers are checked against the contract's schemas, and every failure
 * becomes an SfError that says what to do next. Errors arrive as RFC 9457 problems (`title`, `detail`,
 * `errors: [{ field, message }]`); their field errors are kept in `data` for --json.
 */

export interface BackendOptions {
  url: string;
  apiKey?: string | undefined;
  timeoutMs?: number;
}

export interface CallOptions<T> {
  body?: unknown;
  /** Schema of the success answer; checked so that a proxy page or an older service is reported, not misread. */
  schema?: z.ZodType<T>;
  /** Bearer token instead of the tenant key (the registration token). */
  token?: string;
}

export interface Answer<T> {
  status: number;
  data: T;
}

export type ProblemDetails = z.infer<typeof Problem>;

/** A backend failure with its problem document, for commands that report field errors one by one. */
export class BackendProblemError extends SfError<{ status: number; problem: ProblemDetails | null }> {}

const DEFAULT_TIMEOUT_MS = 30_000;

export function normalizeUrl(url: string): string {
  return url.trim().replace(/\/+$/, '');
}

export class Backend {
  readonly url: string;
  readonly #apiKey: string | undefined;
  readonly #timeoutMs: number;

  constructor(options: BackendOptions) {
    this.url = normalizeUrl(options.url);
    this.#apiKey = options.apiKey;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  get<T>(path: string, schema: z.ZodType<T>): Promise<Answer<T>> {
    return this.call('GET', path, { schema });
  }

  async call<T>(method: string, path: string, options: CallOptions<T> = {}): Promise<Answer<T>> {
    const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
    const token = options.token ?? this.#apiKey;
    if (token) headers.authorization = `Bearer ${token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(`${this.url}${path}`, {
        method,
        headers,
        ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
    } catch (error) {
      throw messages.createError('error.Unreachable', [this.url, reasonOf(error, this.#timeoutMs)]);
    }
    const text = await response.text();
    const json = parseJson(text);
    if (!response.ok) throw this.#failure(method, path, response.status, json, text);
    if (!options.schema) return { status: response.status, data: json as T };
    const parsed = options.schema.safeParse(json);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const where = first ? `${first.path.join('.') || '(answer)'}: ${first.message}` : 'not JSON';
      throw messages.createError('error.UnexpectedAnswer', [this.url, `${method} ${path}`, where]);
    }
    return { status: response.status, data: parsed.data };
  }

  #failure(method: string, path: string, status: number, json: unknown, text: string): SfError {
    const parsed = Problem.safeParse(json);
    const problem = parsed.success ? parsed.data : null;
    const summary = problem
      ? [problem.title, problem.detail].filter((part) => part && part.length > 0).join(': ')
      : text.slice(0, 200) || `HTTP ${status}`;
    if (status === 401) {
      return messages.createError('error.KeyRejected', [this.url, summary]);
    }
    const lines = (problem?.errors ?? []).map((error) => `  - ${error.field}: ${error.message}`);
    const message = messages.getMessage('error.Problem', [status, `(${method} ${path})`, summary]);
    const error = new BackendProblemError(
      [message, ...lines].join('\n'),
      'BackendProblemError',
      problem?.errors?.length ? messages.getMessages('error.Problem.actions') : [],
      status >= 500 ? 1 : 2,
    );
    error.setData({ status, problem });
    return error;
  }
}

function parseJson(text: string): unknown {
  if (text.length === 0) return null;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function reasonOf(error: unknown, timeoutMs: number): string {
  if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return timeoutMs < 1000 ? `no answer within ${timeoutMs} ms` : `no answer within ${Math.round(timeoutMs / 1000)} s`;
  }
  // fetch wraps the network error (ECONNREFUSED, ENOTFOUND…) in `cause`.
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
