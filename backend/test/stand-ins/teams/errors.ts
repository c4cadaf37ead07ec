import { randomUUID } from 'node:crypto';

/**
 * Error bodies as the two services write them. Graph: `{ error: { code, message, innerError: { date, request-id,
 * client-request-id } } }`. The identity platform: `{ error, error_description, error_codes, timestamp, trace_id,
 * correlation_id, error_uri }`, the description starting with the AADSTS code.
 */

export class GraphApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly headers: Record<string, string>;

  constructor(status: number, code: string, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}

export function graphErrorBody(code: string, message: string, requestId: string, now: Date) {
  return {
    error: {
      code,
      message,
      innerError: {
        date: now.toISOString().replace(/\.\d{3}Z$/, ''),
        'request-id': requestId,
        'client-request-id': requestId,
      },
    },
  };
}

export const badRequest = (message: string, code = 'BadRequest') => new GraphApiError(400, code, message);
export const notFound = (message = 'The object was not found.', code = 'ResourceNotFound') =>
  new GraphApiError(404, code, message);
export const forbidden = (message: string) => new GraphApiError(403, 'Forbidden', message);

export class IdentityError extends Error {
  readonly status: number;
  readonly error: string;
  readonly aadsts: number;

  constructor(status: number, error: string, aadsts: number, message: string) {
    super(message);
    this.status = status;
    this.error = error;
    this.aadsts = aadsts;
  }

  body(now: Date) {
    const traceId = randomUUID();
    const correlationId = randomUUID();
    const timestamp = now
      .toISOString()
      .replace('T', ' ')
      .replace(/\.\d{3}Z$/, 'Z');
    return {
      error: this.error,
      error_description: `AADSTS${this.aadsts}: ${this.message} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
      error_codes: [this.aadsts],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `https://login.microsoftonline.com/error?code=${this.aadsts}`,
    };
  }
}
