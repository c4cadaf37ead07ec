import type { IncomingHttpHeaders } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { parseMultipart, type ParsedForm } from './multipart.ts';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  // A text body as sent, and parsed when it is JSON (undefined otherwise). A multipart body is in `form` instead.
  rawBody: string;
  body: unknown;
  // A `multipart/form-data` body, parsed; undefined for other bodies and for one that is not valid multipart.
  form: ParsedForm | undefined;
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

function parseForm(body: Buffer, contentType: string | undefined): ParsedForm | undefined {
  try {
    return parseMultipart(body, contentType);
  } catch {
    return undefined;
  }
}

// Records each request as it arrives (so a test can look at one still waiting for its answer), and its status once
// answered. The parsed body is left in `res.locals.body` (JSON) or `res.locals.form` (multipart) for the handlers.
export function recordRequests(log: RecordedRequest[]) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const rawBody = typeof req.body === 'string' ? req.body : '';
    const record: RecordedRequest = {
      method: req.method,
      path: req.path,
      headers: { ...req.headers },
      rawBody,
      body: parseJson(rawBody),
      form: Buffer.isBuffer(req.body) ? parseForm(req.body, req.get('content-type')) : undefined,
      receivedAt: new Date(),
      status: 0,
    };
    log.push(record);
    res.locals.body = record.body;
    res.locals.form = record.form;
    res.on('finish', () => {
      record.status = res.statusCode;
    });
    next();
  };
}
