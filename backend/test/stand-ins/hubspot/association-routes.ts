import { Router } from 'express';
import { requireObjectScope } from './access-control.ts';
import { defaultAssociationKind, type AssociationKind } from './associations.ts';
import { batchResponse } from './batch-responses.ts';
import type { Crm } from './crm.ts';
import {
  batchItemError,
  validationError,
  type BatchItemError,
  type HubSpotError,
  type JsonObject,
} from './error-bodies.ts';
import { OBJECT_TYPE_IDS, SINGULAR, type ObjectType } from './object-types.ts';
import { bodyObject, baseUrl, inputsOf, objectTypeParam, param, queryInt, queryString } from './request-input.ts';

const MAX_PAGE = 500;
const BATCH_READ_LIMIT = 1000;

// HubSpot's v4 association responses carry record ids as JSON numbers where the v3 object APIs use strings.
const numericId = (id: string) => Number(id);

function defaultSpecs(kind: AssociationKind, fromId: string, toId: string) {
  const spec = (k: { category: string; typeId: number }) => ({
    associationCategory: k.category,
    associationTypeId: k.typeId,
  });
  return [
    { from: { id: fromId }, to: { id: toId }, associationSpec: spec(kind) },
    {
      from: { id: toId },
      to: { id: fromId },
      associationSpec: spec({ category: kind.category, typeId: kind.inverse }),
    },
  ];
}

function associationTypesView(kinds: AssociationKind[]) {
  return kinds.map((k) => ({ category: k.category, typeId: k.typeId, label: k.label }));
}

function idOf(value: unknown): string {
  return String((value as { id?: unknown } | undefined)?.id ?? '');
}

// `/crm/v4/objects/.../associations` and `/crm/v4/associations/.../batch`.
export function associationRoutes(crm: Crm): Router {
  const router = Router();

  const defaultKind = (from: ObjectType, to: ObjectType): AssociationKind => {
    const kind = defaultAssociationKind(from, to);
    if (!kind) throw validationError(`${SINGULAR[from]} records cannot be associated with ${SINGULAR[to]} records`);
    return kind;
  };

  const labelsBetween = (from: ObjectType, fromId: string, to: ObjectType, toId: string) => ({
    fromObjectTypeId: OBJECT_TYPE_IDS[from],
    fromObjectId: numericId(fromId),
    toObjectTypeId: OBJECT_TYPE_IDS[to],
    toObjectId: numericId(toId),
    labels: crm.associations.kindsBetween(from, fromId, to, toId).flatMap((k) => (k.label === null ? [] : [k.label])),
  });

  const specsOf = (from: ObjectType, to: ObjectType, raw: unknown): AssociationKind[] => {
    if (!Array.isArray(raw) || raw.length === 0)
      throw validationError('Invalid input JSON: at least one association type is required');
    return raw.map((spec: JsonObject) =>
      crm.kind(from, to, Number(spec.associationTypeId), String(spec.associationCategory)),
    );
  };

  router.put('/crm/v4/objects/:from/:fromId/associations/default/:to/:toId', (req, res) => {
    const from = objectTypeParam(param(req, 'from'));
    const to = objectTypeParam(param(req, 'to'));
    requireObjectScope(res, from, 'write');
    const startedAt = crm.clock.now();
    const kind = defaultKind(from, to);
    crm.associate(kind, param(req, 'fromId'), param(req, 'toId'));
    res.json(batchResponse(startedAt, crm.clock.now(), defaultSpecs(kind, param(req, 'fromId'), param(req, 'toId'))));
  });

  router.put('/crm/v4/objects/:from/:fromId/associations/:to/:toId', (req, res) => {
    const from = objectTypeParam(param(req, 'from'));
    const to = objectTypeParam(param(req, 'to'));
    requireObjectScope(res, from, 'write');
    const [fromId, toId] = [param(req, 'fromId'), param(req, 'toId')];
    for (const kind of specsOf(from, to, req.body)) crm.associate(kind, fromId, toId);
    res.status(201).json(labelsBetween(from, fromId, to, toId));
  });

  router.delete('/crm/v4/objects/:from/:fromId/associations/:to/:toId', (req, res) => {
    const from = objectTypeParam(param(req, 'from'));
    const to = objectTypeParam(param(req, 'to'));
    requireObjectScope(res, from, 'write');
    crm.associations.unlink(from, param(req, 'fromId'), to, param(req, 'toId'));
    res.status(204).end();
  });

  router.get('/crm/v4/objects/:from/:fromId/associations/:to', (req, res) => {
    const from = objectTypeParam(param(req, 'from'));
    const to = objectTypeParam(param(req, 'to'));
    requireObjectScope(res, from, 'read');
    const fromId = param(req, 'fromId');
    crm.require(from, fromId);
    const limit = queryInt(req, 'limit') ?? MAX_PAGE;
    if (limit < 1 || limit > MAX_PAGE) throw validationError(`limit must be between 1 and ${MAX_PAGE}`);
    const after = queryString(req, 'after');
    const all = crm.associations.associated(from, fromId, to);
    const remaining = after === undefined ? all : all.filter((a) => Number(a.toId) >= Number(after));
    const next = remaining[limit];
    res.json({
      results: remaining
        .slice(0, limit)
        .map((a) => ({ toObjectId: numericId(a.toId), associationTypes: associationTypesView(a.kinds) })),
      ...(next
        ? {
            paging: {
              next: {
                after: next.toId,
                link: `${baseUrl(req)}${req.path}?limit=${limit}&after=${next.toId}`,
              },
            },
          }
        : {}),
    });
  });

  const batchPair = (from: string, to: string) => ({ from: objectTypeParam(from), to: objectTypeParam(to) });

  // Records that are missing fail their input alone; the rest of the batch goes through.
  const tryAssociate = (kind: AssociationKind, fromId: string, toId: string): BatchItemError | undefined => {
    try {
      crm.associate(kind, fromId, toId);
      return undefined;
    } catch (error) {
      const message = (error as HubSpotError).message;
      return batchItemError('OBJECT_NOT_FOUND', message, { fromObjectId: [fromId], toObjectId: [toId] });
    }
  };

  router.post('/crm/v4/associations/:from/:to/batch/create', (req, res) => {
    const { from, to } = batchPair(param(req, 'from'), param(req, 'to'));
    requireObjectScope(res, from, 'write');
    const startedAt = crm.clock.now();
    const inputs = inputsOf(bodyObject(req), Number.MAX_SAFE_INTEGER) as JsonObject[];
    const planned = inputs.map((input) => ({
      fromId: idOf(input.from),
      toId: idOf(input.to),
      kinds: specsOf(from, to, input.types),
    }));
    const results = [];
    const errors: BatchItemError[] = [];
    for (const { fromId, toId, kinds } of planned) {
      const failure = kinds.map((kind) => tryAssociate(kind, fromId, toId)).find((e) => e);
      if (failure) errors.push(failure);
      else results.push(labelsBetween(from, fromId, to, toId));
    }
    res.status(errors.length > 0 ? 207 : 201).json(batchResponse(startedAt, crm.clock.now(), results, errors));
  });

  router.post('/crm/v4/associations/:from/:to/batch/associate/default', (req, res) => {
    const { from, to } = batchPair(param(req, 'from'), param(req, 'to'));
    requireObjectScope(res, from, 'write');
    const startedAt = crm.clock.now();
    const kind = defaultKind(from, to);
    const results = [];
    const errors: BatchItemError[] = [];
    for (const input of inputsOf(bodyObject(req), Number.MAX_SAFE_INTEGER) as JsonObject[]) {
      const [fromId, toId] = [idOf(input.from), idOf(input.to)];
      const failure = tryAssociate(kind, fromId, toId);
      if (failure) errors.push(failure);
      else results.push(...defaultSpecs(kind, fromId, toId));
    }
    // The SDK handles only 200 here, so errors ride along in a 200 body, as the response model allows.
    res.json(batchResponse(startedAt, crm.clock.now(), results, errors));
  });

  router.post('/crm/v4/associations/:from/:to/batch/read', (req, res) => {
    const { from, to } = batchPair(param(req, 'from'), param(req, 'to'));
    requireObjectScope(res, from, 'read');
    const startedAt = crm.clock.now();
    const results = [];
    const errors: BatchItemError[] = [];
    for (const input of inputsOf(bodyObject(req), BATCH_READ_LIMIT) as JsonObject[]) {
      const fromId = String(input.id ?? '');
      const associated = crm.records.findLive(from, fromId) ? crm.associations.associated(from, fromId, to) : [];
      if (associated.length === 0) {
        errors.push({
          ...batchItemError('OBJECT_NOT_FOUND', `No ${SINGULAR[to]} is associated with ${SINGULAR[from]} ${fromId}.`, {
            fromObjectId: [fromId],
          }),
          subCategory: 'crm.associations.NO_ASSOCIATIONS_FOUND',
        });
        continue;
      }
      results.push({
        from: { id: fromId },
        to: associated.map((a) => ({ toObjectId: numericId(a.toId), associationTypes: associationTypesView(a.kinds) })),
      });
    }
    res.status(errors.length > 0 ? 207 : 200).json(batchResponse(startedAt, crm.clock.now(), results, errors));
  });

  router.post('/crm/v4/associations/:from/:to/batch/archive', (req, res) => {
    const { from, to } = batchPair(param(req, 'from'), param(req, 'to'));
    requireObjectScope(res, from, 'write');
    for (const input of inputsOf(bodyObject(req), Number.MAX_SAFE_INTEGER) as JsonObject[]) {
      const fromId = idOf(input.from);
      const targets = Array.isArray(input.to) ? input.to : [input.to];
      for (const target of targets) crm.associations.unlink(from, fromId, to, idOf(target));
    }
    res.status(204).end();
  });

  return router;
}
