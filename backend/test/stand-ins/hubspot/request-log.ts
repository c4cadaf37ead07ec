import type { NextFunction, Request, Response } from 'express';

export interface CallRecord {
  method: string;
  path: string;
  // The raw query string, without the leading '?'.
  query: string;
  status: number;
  // What was sent back as JSON, as it went over the wire (dates as strings); undefined for other bodies.
  responseBody?: unknown;
}

export interface CallCounts {
  total: number;
  byStatus: Record<number, number>;
  rateLimited: number;
  searches: number;
}

export interface CallFilter {
  method?: string;
  path?: RegExp | string;
  status?: number;
}

function matches(call: CallRecord, filter: CallFilter): boolean {
  if (filter.method !== undefined && filter.method.toUpperCase() !== call.method) return false;
  if (filter.status !== undefined && filter.status !== call.status) return false;
  if (filter.path === undefined) return true;
  return typeof filter.path === 'string' ? filter.path === call.path : filter.path.test(call.path);
}

export class RequestLog {
  readonly calls: CallRecord[] = [];

  // Records each request once its response is finished, with the JSON body it was given.
  middleware() {
    return (req: Request, res: Response, next: NextFunction): void => {
      const [path = '', query = ''] = req.originalUrl.split(/\?(.*)/s);
      const call: CallRecord = { method: req.method, path, query, status: 0 };
      const json = res.json.bind(res);
      res.json = ((body: unknown) => {
        call.responseBody = body === undefined ? undefined : JSON.parse(JSON.stringify(body));
        return json(body);
      }) as Response['json'];
      res.on('finish', () => {
        call.status = res.statusCode;
        this.calls.push(call);
      });
      next();
    };
  }

  count(filter: CallFilter = {}): number {
    return this.calls.filter((call) => matches(call, filter)).length;
  }

  counts(): CallCounts {
    const byStatus: Record<number, number> = {};
    for (const call of this.calls) byStatus[call.status] = (byStatus[call.status] ?? 0) + 1;
    return {
      total: this.calls.length,
      byStatus,
      rateLimited: byStatus[429] ?? 0,
      searches: this.count({ method: 'POST', path: /\/search$/ }),
    };
  }

  clear(): void {
    this.calls.length = 0;
  }
}
