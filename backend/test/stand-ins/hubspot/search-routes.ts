import { Router } from 'express';
import { requireObjectScope } from './access-control.ts';
import type { Crm } from './crm.ts';
import { bodyObject, objectTypeParam, param } from './request-input.ts';
import { search } from './search.ts';

// `POST /crm/v3/objects/{objectType}/search`.
export function searchRoutes(crm: Crm): Router {
  const router = Router();
  router.post('/crm/v3/objects/:type/search', (req, res) => {
    const type = objectTypeParam(param(req, 'type'));
    requireObjectScope(res, type, 'read');
    const page = search(type, crm.records.list(type), bodyObject(req), crm.catalog);
    res.json({
      total: page.total,
      results: page.results.map((record) => crm.view(type, record, page.properties)),
      ...(page.nextAfter === undefined ? {} : { paging: { next: { after: page.nextAfter } } }),
    });
  });
  return router;
}
