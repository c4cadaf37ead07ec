import { Router } from 'express';
import { requireScope } from './access-control.ts';
import { apiError, validationError } from './error-bodies.ts';
import type { Owner, OwnerDirectory } from './owners.ts';
import { baseUrl, param, queryBool, queryInt, queryString } from './request-input.ts';

const MAX_PAGE = 500;

function ownerView(owner: Owner) {
  return {
    id: owner.id,
    email: owner.email,
    type: 'PERSON',
    firstName: owner.firstName,
    lastName: owner.lastName,
    userId: owner.userId,
    userIdIncludingInactive: owner.userId,
    createdAt: owner.createdAt.toISOString(),
    updatedAt: owner.updatedAt.toISOString(),
    archived: owner.archived,
    ...(owner.teams.length > 0 ? { teams: owner.teams } : {}),
  };
}

// `/crm/v3/owners`.
export function ownerRoutes(owners: OwnerDirectory): Router {
  const router = Router();

  router.get('/crm/v3/owners', (req, res) => {
    requireScope(res, 'crm.objects.owners.read');
    const limit = queryInt(req, 'limit') ?? 100;
    if (limit < 1 || limit > MAX_PAGE) throw validationError(`limit must be between 1 and ${MAX_PAGE}`);
    const email = queryString(req, 'email')?.toLowerCase();
    const after = queryString(req, 'after');
    const all = owners
      .list(queryBool(req, 'archived'))
      .filter((o) => email === undefined || o.email.toLowerCase() === email);
    const remaining = after === undefined ? all : all.filter((o) => Number(o.id) >= Number(after));
    const next = remaining[limit];
    res.json({
      results: remaining.slice(0, limit).map(ownerView),
      ...(next
        ? {
            paging: {
              next: { after: next.id, link: `${baseUrl(req)}/crm/v3/owners/?limit=${limit}&after=${next.id}` },
            },
          }
        : {}),
    });
  });

  router.get('/crm/v3/owners/:ownerId', (req, res) => {
    requireScope(res, 'crm.objects.owners.read');
    const id = param(req, 'ownerId');
    const byUserId = queryString(req, 'idProperty') === 'userId';
    const owner = byUserId ? owners.byUserId(Number(id)) : owners.byId(id);
    if (!owner || owner.archived !== queryBool(req, 'archived'))
      throw apiError(404, 'OBJECT_NOT_FOUND', `No owner found with ${byUserId ? 'userId' : 'id'} ${id}`);
    res.json(ownerView(owner));
  });

  return router;
}
