/**
 * Failures planned for the next requests that match. Throttling is a 429 with `Retry-After` (seconds) and Graph's
 * `TooManyRequests` body; 5xx get Graph's bodies (`InternalServerError`, `ServiceUnavailable` with `Retry-After`
 * when asked, `GatewayTimeout`). A string body is sent as HTML, as a proxy in front of the service would.
 */
export interface Fault {
  status: number;
  // How many matching requests in a row get it: 1 by default.
  times?: number;
  retryAfterSeconds?: number;
  headers?: Record<string, string>;
  body?: unknown;
  // Which requests: Graph requests (not the token endpoint) unless `target` says otherwise; `path` narrows further.
  target?: 'graph' | 'login' | 'any';
  method?: string;
  path?: string | RegExp;
}

interface Planned extends Fault {
  remaining: number;
}

const CODES: Record<number, string> = {
  429: 'TooManyRequests',
  500: 'InternalServerError',
  502: 'BadGateway',
  503: 'ServiceUnavailable',
  504: 'GatewayTimeout',
};

export function faultCode(status: number): string {
  return CODES[status] ?? (status >= 500 ? 'InternalServerError' : 'BadRequest');
}

export class FaultPlan {
  private readonly planned: Planned[] = [];

  failNext(fault: Fault): void {
    this.planned.push({ ...fault, remaining: fault.times ?? 1 });
  }

  clear(): void {
    this.planned.length = 0;
  }

  /** The fault for this request, consumed, or undefined. */
  take(request: { target: 'graph' | 'login'; method: string; path: string }): Fault | undefined {
    const index = this.planned.findIndex((fault) => {
      const target = fault.target ?? 'graph';
      if (target !== 'any' && target !== request.target) return false;
      if (fault.method && fault.method.toUpperCase() !== request.method) return false;
      if (fault.path instanceof RegExp) return fault.path.test(request.path);
      if (typeof fault.path === 'string') return request.path.includes(fault.path);
      return true;
    });
    if (index < 0) return undefined;
    const fault = this.planned[index]!;
    fault.remaining--;
    if (fault.remaining <= 0) this.planned.splice(index, 1);
    return fault;
  }
}
