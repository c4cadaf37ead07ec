import type { IncomingHttpHeaders } from 'node:http';
import type { NextFunction, Request, Response } from 'express';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  // The body as sent, and parsed when it is JSON (undefined otherwise).
  rawBody: string;
  body: unknown;
  receivedAt: Date;
  // The status answered; 0 while the request is pending, or when the client gave up before the answer.
  status: number;
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

// Records each request as it arrives (so a test can look at one still waiting for its answer), and its status once
// answered. The parsed body is left in `res.locals.body` for the handlers.
export function recordRequests(log: RecordedRequest[]) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const rawBody = typeof req.body === 'string' ? req.body : '';
    const record: RecordedRequest = {
      method: req.method,
      path: req.path,
      headers: { ...req.headers },
      rawBody,
      body: parseJson(rawBody),
      receivedAt: new Date(),
      status: 0,
    };
    log.push(record);
    res.locals.body = record.body;
    res.on('finish', () => {
      record.status = res.statusCode;
    });
    next();
  };
}
