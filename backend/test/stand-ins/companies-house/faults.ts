/**
 * Failures planned for the next requests that pass authentication.
 *
 * - `status`: that error (429 with `Retry-After` when `retryAfterSeconds` is given, 5xx with the API's body).
 * - `delayMs` alone: the normal answer, that late (the client may give up first).
 * - `body`: a 200 (or the status given) whose body is this, sent as it is when a string (an HTML error page, a
 *   truncated JSON), as JSON otherwise.
 * - `dropConnection`: the socket is destroyed without an answer.
 */
export interface Fault {
  status?: number;
  /** How many requests in a row get it: 1 by default. */
  times?: number;
  delayMs?: number;
  body?: unknown;
  headers?: Record<string, string>;
  retryAfterSeconds?: number;
  dropConnection?: boolean;
  /** Only requests whose path starts with this; every path by default. */
  pathPrefix?: string;
}

export class FaultPlan {
  readonly #planned: { fault: Fault; remaining: number }[] = [];

  add(fault: Fault): void {
    this.#planned.push({ fault, remaining: fault.times ?? 1 });
  }

  clear(): void {
    this.#planned.length = 0;
  }

  take(path: string): Fault | undefined {
    const planned = this.#planned.find(
      ({ fault, remaining }) => remaining > 0 && (!fault.pathPrefix || path.startsWith(fault.pathPrefix)),
    );
    if (!planned) return undefined;
    planned.remaining -= 1;
    return planned.fault;
  }
}
