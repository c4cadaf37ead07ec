import type { IncomingHttpHeaders } from 'node:http';
import type { NextFunction, Request, Response } from 'express';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  receivedAt: Date;
  /** The status answered; 0 while pending, or when the client left before the answer. */
  status: number;
}

// Records each request as it arrives, and its status once answered.
export function recordRequests(log: RecordedRequest[]) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const query: Record<string, string> = {};
    for (const [name, value] of new URL(req.originalUrl, 'http://stand-in').searchParams) query[name] = value;
    const record: RecordedRequest = {
      method: req.method,
      path: req.path,
      query,
      headers: { ...req.headers },
      receivedAt: new Date(),
      status: 0,
    };
    log.push(record);
    res.on('finish', () => {
      record.status = res.statusCode;
    });
    next();
  };
}
