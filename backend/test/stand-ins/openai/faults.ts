import { errorBody, rateLimitBody, serverErrorBody, type OpenAiErrorBody } from './error-bodies.ts';

/**
 * A failure planned for the next chat completion (or, planned apart, transcription) requests that pass
 * authentication.
 *
 * - `status` alone: that error with the API's body (429 adds `retry-after`).
 * - `delayMs` alone: the normal answer, that late (the client may give up first).
 * - `content`: a 200 completion whose message content is this text, whatever the reply function says; for a
 *   transcription, the whole 200 body, sent as it is.
 */
export interface Fault {
  status?: number;
  // How many requests in a row get it: 1 by default.
  times?: number;
  // A string is sent as it is (a proxy's HTML page), anything else as JSON; the API's body by default.
  body?: unknown;
  headers?: Record<string, string>;
  delayMs?: number;
  content?: string;
  // The `retry-after` header of a 429: 1 second by default.
  retryAfterSeconds?: number;
}

export interface ServedFault {
  status: number;
  delayMs: number;
  headers: Record<string, string>;
  // The error body, for a status other than 200.
  body?: unknown;
  // The message content, for a 200.
  content?: string;
}

function defaultBody(status: number, model: string, retryAfterSeconds: number): OpenAiErrorBody {
  if (status === 429) return rateLimitBody(model, retryAfterSeconds);
  if (status >= 500) return serverErrorBody(status);
  return errorBody(`HTTP ${status}`, 'invalid_request_error');
}

export class FaultPlan {
  readonly #planned: { fault: Fault; remaining: number }[] = [];

  failNext(fault: Fault): void {
    this.#planned.push({ fault, remaining: fault.times ?? 1 });
  }

  clear(): void {
    this.#planned.length = 0;
  }

  take(model: string): ServedFault | undefined {
    const planned = this.#planned.find(({ remaining }) => remaining > 0);
    if (!planned) return undefined;
    planned.remaining -= 1;
    const { fault } = planned;
    const status = fault.status ?? 200;
    const retryAfter = fault.retryAfterSeconds ?? 1;
    const headers = { ...(status === 429 ? { 'retry-after': String(retryAfter) } : {}), ...fault.headers };
    return {
      status,
      delayMs: fault.delayMs ?? 0,
      headers,
      ...(status === 200 ? {} : { body: fault.body ?? defaultBody(status, model, retryAfter) }),
      ...(fault.content === undefined ? {} : { content: fault.content }),
    };
  }
}
