import { AgentProblem } from '../agents/agent-problem.ts';
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import type { z } from 'zod';
import type { FieldError, Problem } from '@sdr/shared';
import type { Logger } from '../logger.ts';
import { Prisma } from '../db/generated/client.ts';

const TITLES: Record<number, string> = {
  400: 'Invalid request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Request body too large',
  415: 'Unsupported media type',
  500: 'Internal server error',
  503: 'Service unavailable',
};

const TYPES: Record<number, string> = {
  400: 'validation-error',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  409: 'conflict',
  413: 'body-too-large',
  415: 'unsupported-media-type',
  500: 'internal-error',
  503: 'unavailable',
};

/** An error that becomes an RFC 9457 problem response. */
export class HttpProblem extends Error {
  readonly status: number;
  readonly errors: FieldError[] | undefined;
  constructor(status: number, detail: string, errors?: FieldError[]) {
    super(detail);
    this.status = status;
    this.errors = errors;
  }
}

export const notFound = (what: string) => new HttpProblem(404, `No ${what} with this id for your tenant`);

export function invalid(field: string, message: string): HttpProblem {
  return new HttpProblem(400, `${field}: ${message}`, [{ field, message }]);
}

/** Turns zod issues into field errors, prefixing each path with where the value came from (body, query, params). */
export function fieldErrors(location: string, error: z.ZodError): FieldError[] {
  return error.issues.flatMap((issue) => {
    const base = [location, ...issue.path.map(String)].join('.');
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((key) => ({ field: `${base}.${key}`, message: 'unknown field' }));
    if (issue.code === 'invalid_union') {
      // For "one or many" bodies, report the errors of the branch that matches the shape that was sent.
      const branches = issue.errors.filter((branch) => branch.length > 0);
      const best = branches.find((branch) =>
        branch.every((inner) => inner.code !== 'invalid_type' || inner.path.length > 0),
      );
      if (best)
        return best.flatMap((inner) =>
          inner.code === 'unrecognized_keys'
            ? inner.keys.map((key) => ({
                field: [base, ...inner.path.map(String), key].join('.'),
                message: 'unknown field',
              }))
            : [{ field: [base, ...inner.path.map(String)].join('.'), message: inner.message }],
        );
    }
    return [{ field: base, message: issue.message }];
  });
}

export function problemBody(status: number, detail: string, instance?: string, errors?: FieldError[]): Problem {
  return {
    type: `https://sdr-enhancement.dev/problems/${TYPES[status] ?? 'error'}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    ...(instance ? { instance } : {}),
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}

export function sendProblem(res: Response, status: number, detail: string, errors?: FieldError[]): void {
  if (status === 401) res.setHeader('WWW-Authenticate', 'Bearer');
  res
    .status(status)
    .type('application/problem+json')
    .send(JSON.stringify(problemBody(status, detail, res.req.originalUrl, errors)));
}

/** 404 for paths no route claims. */
export const unknownRoute: RequestHandler = (req, res) => {
  sendProblem(res, 404, `No route for ${req.method} ${req.path}`);
};

interface BodyParserError extends Error {
  type?: string;
  status?: number;
  limit?: number;
}

/** The last middleware: every error, ours or a library's, leaves as problem+json and is logged once. */
export function problemHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    if (res.headersSent) {
      req.log?.error({ err: error }, 'error after the response started');
      res.end();
      return;
    }
    if (error instanceof HttpProblem) return sendProblem(res, error.status, error.message, error.errors);
    if (error instanceof AgentProblem) return sendProblem(res, error.status, error.message);
    const parserError = error as BodyParserError;
    switch (parserError.type) {
      case 'entity.too.large':
        return sendProblem(res, 413, `The body is larger than the limit of ${parserError.limit} bytes`, [
          { field: 'body', message: 'too large' },
        ]);
      case 'entity.parse.failed':
        return sendProblem(res, 400, 'The body is not valid JSON', [{ field: 'body', message: 'malformed JSON' }]);
      case 'encoding.unsupported':
      case 'charset.unsupported':
        return sendProblem(res, 415, parserError.message, [{ field: 'body', message: 'unsupported encoding' }]);
    }
    if (error instanceof Prisma.PrismaClientKnownRequestError) {
      if (error.code === 'P2025') return sendProblem(res, 404, 'No such record for your tenant');
      if (error.code === 'P2002') return sendProblem(res, 409, 'A record with the same unique key already exists');
    }
    (req.log ?? logger).error({ err: error }, 'unhandled error');
    sendProblem(res, 500, 'Something went wrong on our side; the request id is in the X-Request-Id header');
  };
}
