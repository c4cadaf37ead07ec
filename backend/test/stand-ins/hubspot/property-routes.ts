import { Router } from 'express';
import { requireSchemaScope } from './access-control.ts';
import type { Crm } from './crm.ts';
import { objectTypeParam, param, queryBool } from './request-input.ts';

// `/crm/v3/properties/{objectType}`: property definitions and their groups.
export function propertyRoutes(crm: Crm): Router {
  const router = Router();
  const { catalog } = crm;

  router.get('/crm/v3/properties/:type/groups', (req, res) => {
    const type = objectTypeParam(param(req, 'type'));
    requireSchemaScope(res, type, 'read');
    res.json({ results: catalog.groups(type) });
  });

  router.post('/crm/v3/properties/:type/groups', (req, res) => {
    const type = objectTypeParam(param(req, 'type'));
    requireSchemaScope(res, type, 'write');
    res.status(201).json(catalog.createGroup(type, req.body));
  });

  router.get('/crm/v3/properties/:type/groups/:name', (req, res) => {
    const type = objectTypeParam(param(req, 'type'));
    requireSchemaScope(res, type, 'read');
    res.json(catalog.group(type, param(req, 'name')));
  });

  router.patch('/crm/v3/properties/:type/groups/:name', (req, res) => {
    const type = objectTypeParam(param(req, 'type'));
    requireSchemaScope(res, type, 'write');
    res.json(catalog.updateGroup(type, param(req, 'name'), req.body));
  });

  router.get('/crm/v3/properties/:type', (req, res) => {
    const type = objectTypeParam(param(req, 'type'));
    requireSchemaScope(res, type, 'read');
    res.json({ results: catalog.list(type, queryBool(req, 'archived')) });
  });

  router.post('/crm/v3/properties/:type', (req, res) => {
    const type = objectTypeParam(param(req, 'type'));
    requireSchemaScope(res, type, 'write');
    res.status(201).json(catalog.create(type, req.body));
  });

  router.get('/crm/v3/properties/:type/:name', (req, res) => {
    const type = objectTypeParam(param(req, 'type'));
    requireSchemaScope(res, type, 'read');
    res.json(catalog.require(type, param(req, 'name')));
  });

  router.patch('/crm/v3/properties/:type/:name', (req, res) => {
    const type = objectTypeParam(param(req, 'type'));
    requireSchemaScope(res, type, 'write');
    res.json(catalog.update(type, param(req, 'name'), req.body));
  });

  return router;
}
