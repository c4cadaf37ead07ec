import type { Request, RequestHandler, Response, Router } from 'express';
import type { z } from 'zod';
import type { ApiRoute } from '@sdr/shared';
import type { RequestTenant } from './auth.ts';
import { HttpProblem, fieldErrors } from './problems.ts';

type Infer<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteInput<R extends ApiRoute> {
  params: Infer<R['params']>;
  query: Infer<R['query']>;
  body: Infer<R['body']>;
  req: Request;
  res: Response;
}

/** A handler's answer; its status must be one the route declares (checked when it answers). */
export interface RouteResult {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export type AuthedInput<R extends ApiRoute> = RouteInput<R> & { tenant: RequestTenant };

function parse<S extends z.ZodType>(schema: S | undefined, value: unknown, location: string): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(value ?? {});
  if (!result.success) {
    const errors = fieldErrors(location, result.error);
    throw new HttpProblem(400, errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
  }
  return result.data;
}

/**
 * Mounts a handler on a route of the contract. Params, query and body are validated with the route's schemas before
 * the handler runs (so a rejected request changes nothing), and the handler's answer is checked against the
 * response schema for its status, so the API can never drift from its published contract.
 */
function mount<R extends ApiRoute>(
  router: Router,
  route: R,
  handler: (input: RouteInput<R> & { tenant: RequestTenant | undefined }) => Promise<RouteResult>,
): void {
  const express: RequestHandler = async (req, res) => {
    // req.is() is null when there is no body at all, and an empty one (Content-Length: 0) is no body either, so a
    // route whose body is optional can be called bare; a body of another type is refused.
    const empty = req.headers['content-length'] === '0';
    if (route.body && !empty && req.is('application/json') === false)
      throw new HttpProblem(415, 'Send the body as application/json', [{ field: 'body', message: 'not JSON' }]);
    const input = {
      params: parse(route.params, req.params, 'params'),
      query: parse(route.query, req.query, 'query'),
      body: parse(route.body, req.body, 'body'),
      req,
      res,
      tenant: res.locals.tenant,
    } as RouteInput<R> & { tenant: RequestTenant | undefined };
    const result = await handler(input);
    const declared = route.responses[result.status];
    if (!declared)
      throw new Error(`${route.operationId} answered ${result.status}, which its contract does not declare`);
    const schema = declared.schema;
    const checked = schema ? schema.safeParse(result.body) : undefined;
    if (checked && !checked.success) {
      req.log.error({ issues: checked.error.issues, route: route.operationId }, 'response does not match the contract');
      throw new Error(`Response of ${route.operationId} does not match the contract`);
    }
    for (const [name, value] of Object.entries(result.headers ?? {})) res.setHeader(name, value);
    res.status(result.status).json(checked ? checked.data : result.body);
  };
  router[route.method](route.path, express);
}

/** A route anyone may call (health, readiness, the OpenAPI document). */
export function publicRoute<R extends ApiRoute>(
  router: Router,
  route: R,
  handler: (input: RouteInput<R>) => Promise<RouteResult>,
): void {
  mount(router, route, handler);
}

/** A route that needs a tenant API key; the handler receives the caller's tenant and its scoped database. */
export function tenantRoute<R extends ApiRoute>(
  router: Router,
  route: R,
  handler: (input: AuthedInput<R>) => Promise<RouteResult>,
): void {
  if (!route.auth) throw new Error(`${route.operationId} is public; mount it with publicRoute`);
  mount(router, route, (input) => {
    if (!input.tenant) throw new HttpProblem(401, 'Send the API key as Authorization: Bearer <key>');
    return handler({ ...input, tenant: input.tenant });
  });
}
