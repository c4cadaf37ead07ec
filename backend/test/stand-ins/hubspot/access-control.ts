import type { NextFunction, Request, Response } from 'express';
import { missingScopes } from './error-bodies.ts';
import type { ObjectType } from './object-types.ts';
import type { Caller, OAuthServer } from './oauth.ts';
import type { RateLimiter } from './rate-limits.ts';

// Authenticates the bearer token, then counts the request against the caller's rate limits.
export function authenticate(oauth: OAuthServer, limiter: RateLimiter) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const caller = oauth.authenticate(req.get('authorization'));
    const admission = limiter.admit(caller.kind, req.method === 'POST' && /\/search\/?$/.test(req.path));
    res.set(admission.headers);
    if (admission.rejection) throw admission.rejection;
    res.locals.caller = caller;
    next();
  };
}

export function callerOf(res: Response): Caller {
  return res.locals.caller as Caller;
}

// Engagements (notes, tasks, calls, emails, meetings) are not scope-checked here: their scopes vary by account and
// app type.
const SCOPED: readonly ObjectType[] = ['contacts', 'companies', 'deals'];

export function requireObjectScope(res: Response, type: ObjectType, access: 'read' | 'write'): void {
  if (SCOPED.includes(type)) requireScope(res, `crm.objects.${type}.${access}`);
}

// HubSpot lets the properties endpoints through with any one of several scopes, the object scopes among them.
export function requireSchemaScope(res: Response, type: ObjectType, access: 'read' | 'write'): void {
  if (!SCOPED.includes(type)) return;
  const accepted =
    access === 'read'
      ? [
          `crm.schemas.${type}.read`,
          `crm.schemas.${type}.write`,
          `crm.objects.${type}.read`,
          `crm.objects.${type}.write`,
        ]
      : [`crm.schemas.${type}.write`, `crm.objects.${type}.write`];
  requireScope(res, ...accepted);
}

// Passes when the caller holds any one of the scopes.
export function requireScope(res: Response, ...anyOf: string[]): void {
  const granted = callerOf(res).scopes;
  if (!anyOf.some((scope) => granted.includes(scope))) throw missingScopes(anyOf);
}
