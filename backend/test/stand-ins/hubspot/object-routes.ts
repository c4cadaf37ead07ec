import { Router, type Response } from 'express';
import { requireObjectScope } from './access-control.ts';
import { batchResponse } from './batch-responses.ts';
import type { Crm, PublicObject } from './crm.ts';
import {
  missingRecordsError,
  objectNotFound,
  validationError,
  type BatchItemError,
  type JsonObject,
} from './error-bodies.ts';
import type { FaultPlan } from './faults.ts';
import { SINGULAR, resolveObjectType, type ObjectType } from './object-types.ts';
import type { CrmObject } from './record-store.ts';
import {
  baseUrl,
  bodyObject,
  inputsOf,
  objectTypeParam,
  param,
  queryBool,
  queryInt,
  queryList,
  queryString,
} from './request-input.ts';

const BATCH_LIMIT = 100;
const MAX_PAGE = 100;

function associatedTypes(names: string[] | undefined): ObjectType[] {
  return (names ?? []).flatMap((name) => resolveObjectType(name) ?? []);
}

function traced(view: PublicObject, input: unknown): PublicObject {
  const trace = (input as { objectWriteTraceId?: unknown }).objectWriteTraceId;
  return typeof trace === 'string' ? { ...view, objectWriteTraceId: trace } : view;
}

// `/crm/v3/objects/{objectType}`: basic reads and writes, and the batch endpoints.
export function objectRoutes(crm: Crm, faults: FaultPlan): Router {
  const router = Router();

  const failIfPlanned = (type: ObjectType, id: string) => {
    if (faults.takeRecordFailure(type, id)) throw objectNotFound(id);
  };

  router.get('/crm/v3/objects/:type', (req, res) => {
    const type = objectTypeParam(param(req, 'type'));
    requireObjectScope(res, type, 'read');
    const limit = queryInt(req, 'limit') ?? 10;
    if (limit < 1 || limit > MAX_PAGE) throw validationError(`limit must be between 1 and ${MAX_PAGE}`);
    const after = queryString(req, 'after');
    if (after !== undefined && !/^\d+$/.test(after)) throw validationError(`Invalid paging cursor: ${after}`);
    const records = crm.records.list(type, queryBool(req, 'archived'));
    const remaining = after === undefined ? records : records.filter((r) => Number(r.id) >= Number(after));
    const page = remaining.slice(0, limit);
    const next = remaining[limit];
    const properties = queryList(req, 'properties');
    const associations = associatedTypes(queryList(req, 'associations'));
    res.json({
      results: page.map((record) => crm.view(type, record, properties, associations)),
      ...(next
        ? {
            paging: {
              next: {
                after: next.id,
                link: `${baseUrl(req)}/crm/v3/objects/${param(req, 'type')}?limit=${limit}&after=${next.id}`,
              },
            },
          }
        : {}),
    });
  });

  router.get('/crm/v3/objects/:type/:id', (req, res) => {
    const type = objectTypeParam(param(req, 'type'));
    requireObjectScope(res, type, 'read');
    const id = param(req, 'id');
    failIfPlanned(type, id);
    const record = crm.locate(type, id, queryString(req, 'idProperty'), queryBool(req, 'archived'));
    if (!record) throw objectNotFound(id);
    const associations = associatedTypes(queryList(req, 'associations'));
    res.json(crm.view(type, record, queryList(req, 'properties'), associations));
  });

  router.post('/crm/v3/objects/:type', (req, res) => {
    const type = objectTypeParam(param(req, 'type'));
    requireObjectScope(res, type, 'write');
    const body = bodyObject(req);
    if (body.properties === undefined) throw validationError('Invalid input JSON: "properties" is required');
    const record = crm.createRecord(type, body.properties, body.associations);
    res.status(201).json(traced(crm.fullView(type, record), body));
  });

  router.patch('/crm/v3/objects/:type/:id', (req, res) => {
    const type = objectTypeParam(param(req, 'type'));
    requireObjectScope(res, type, 'write');
    const id = param(req, 'id');
    failIfPlanned(type, id);
    const body = bodyObject(req);
    const record = crm.require(type, id, queryString(req, 'idProperty'));
    const values = crm.prepareUpdate(type, record.id, body.properties);
    res.json(traced(crm.fullView(type, crm.commitUpdate(type, record.id, values)), body));
  });

  router.delete('/crm/v3/objects/:type/:id', (req, res) => {
    const type = objectTypeParam(param(req, 'type'));
    requireObjectScope(res, type, 'write');
    const record = crm.locate(type, param(req, 'id'));
    if (record) crm.records.archive(type, record.id, crm.clock.stamp());
    res.status(204).end();
  });

  router.post('/crm/v3/objects/:type/batch/read', (req, res) => {
    const type = objectTypeParam(param(req, 'type'));
    requireObjectScope(res, type, 'read');
    const startedAt = crm.clock.now();
    const body = bodyObject(req);
    const inputs = inputsOf(body, BATCH_LIMIT);
    const properties = Array.isArray(body.properties) ? body.properties.map(String) : undefined;
    const idProperty = typeof body.idProperty === 'string' ? body.idProperty : undefined;
    const archived = queryBool(req, 'archived');
    const results: PublicObject[] = [];
    const failures: BatchItemError[] = [];
    const missing: string[] = [];
    for (const input of inputs) {
      const id = String((input as { id?: unknown }).id ?? '');
      const failure = faults.takeRecordFailure(type, id);
      if (failure) {
        failures.push(failure);
        continue;
      }
      const record = crm.locate(type, id, idProperty, archived);
      if (record) results.push(crm.view(type, record, properties));
      else missing.push(id);
    }
    sendBatch(res, 200, startedAt, results, withMissing(failures, type, missing), crm);
  });

  router.post('/crm/v3/objects/:type/batch/create', (req, res) => {
    const type = objectTypeParam(param(req, 'type'));
    requireObjectScope(res, type, 'write');
    const startedAt = crm.clock.now();
    const inputs = inputsOf(bodyObject(req), BATCH_LIMIT) as JsonObject[];
    const prepared = inputs.map((input) => crm.prepareCreate(type, input.properties, input.associations));
    const emails = prepared.map((p) => p.values.email?.toLowerCase()).filter((e) => e);
    if (type === 'contacts' && new Set(emails).size !== emails.length)
      throw validationError('Duplicate emails found in batch input. Emails must be unique');
    const created = prepared.map((p, i) => traced(crm.fullView(type, crm.commitCreate(type, p)), inputs[i]));
    sendBatch(res, 201, startedAt, created, [], crm);
  });

  router.post('/crm/v3/objects/:type/batch/update', (req, res) => {
    const type = objectTypeParam(param(req, 'type'));
    requireObjectScope(res, type, 'write');
    const startedAt = crm.clock.now();
    const inputs = inputsOf(bodyObject(req), BATCH_LIMIT) as JsonObject[];
    const ids = inputs.map((input) => String(input.id ?? ''));
    const duplicates = [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];
    if (duplicates.length > 0)
      throw validationError(`Duplicate IDs found in batch input: [${duplicates.join(', ')}]. IDs must be unique`);
    const updates = inputs.map((input, i) => {
      const idProperty = typeof input.idProperty === 'string' ? input.idProperty : undefined;
      const record: CrmObject | undefined = crm.locate(type, ids[i]!, idProperty);
      return { input, id: ids[i]!, record, values: crm.prepareUpdate(type, record?.id ?? '', input.properties) };
    });
    const results: PublicObject[] = [];
    const failures: BatchItemError[] = [];
    const missing: string[] = [];
    for (const { input, id, record, values } of updates) {
      const failure = faults.takeRecordFailure(type, id);
      if (failure) failures.push(failure);
      else if (!record) missing.push(id);
      else results.push(traced(crm.fullView(type, crm.commitUpdate(type, record.id, values)), input));
    }
    sendBatch(res, 200, startedAt, results, withMissing(failures, type, missing), crm);
  });

  router.post('/crm/v3/objects/:type/batch/archive', (req, res) => {
    const type = objectTypeParam(param(req, 'type'));
    requireObjectScope(res, type, 'write');
    for (const input of inputsOf(bodyObject(req), BATCH_LIMIT)) {
      const record = crm.locate(type, String((input as { id?: unknown }).id ?? ''));
      if (record) crm.records.archive(type, record.id, crm.clock.stamp());
    }
    res.status(204).end();
  });

  return router;
}

function withMissing(failures: BatchItemError[], type: ObjectType, missing: string[]): BatchItemError[] {
  return missing.length > 0 ? [...failures, missingRecordsError(SINGULAR[type], missing)] : failures;
}

function sendBatch(
  res: Response,
  okStatus: number,
  startedAt: Date,
  results: PublicObject[],
  errors: BatchItemError[],
  crm: Crm,
): void {
  res.status(errors.length > 0 ? 207 : okStatus).json(batchResponse(startedAt, crm.clock.now(), results, errors));
}
