import express from 'express';
import type { Request, Response } from 'express';
import { RequestError, recordError } from './errors.ts';
import type { RecordError } from './errors.ts';
import type { Org } from './org.ts';
import type { Planned, SObjectRecord, WriteContext, WritePlan } from './records.ts';
import { sessionOf, versionOf } from './rest-api.ts';
import { failureResult, ROLLED_BACK, successResult } from './save-results.ts';
import type { SaveResult } from './save-results.ts';
import type { ObjectDefinition } from './schema.ts';
import { attributes } from './soql-engine.ts';
import { toId18 } from './salesforce-ids.ts';

/**
 * sObject Collections (`/composite/sobjects`): create, update and delete up to 200 records in one call, results
 * in request order. With `allOrNone` one failure rolls every record back and the others report
 * `ALL_OR_NONE_OPERATION_ROLLED_BACK`; without it the valid records are saved.
 */

const MAX_RECORDS = 200;

function tooMany(): RequestError {
  return new RequestError(
    400,
    'EXCEEDED_ID_LIMIT',
    `record limit reached. cannot submit more than ${MAX_RECORDS} records into this call`,
  );
}

function collectionBody(req: Request): { allOrNone: boolean; records: SObjectRecord[] } {
  const body = req.body as { allOrNone?: unknown; records?: unknown } | undefined;
  if (!body || typeof body !== 'object' || !Array.isArray(body.records)) {
    throw new RequestError(400, 'JSON_PARSER_ERROR', 'The request body must be an object with a records array');
  }
  if (body.records.length > MAX_RECORDS) throw tooMany();
  if (body.records.some((r) => !r || typeof r !== 'object' || Array.isArray(r))) {
    throw new RequestError(400, 'JSON_PARSER_ERROR', 'Each record must be a JSON object');
  }
  return { allOrNone: body.allOrNone === true || body.allOrNone === 'true', records: body.records as SObjectRecord[] };
}

/** Plans every record, then commits all, the valid ones, or none, as `allOrNone` says. */
function save(org: Org, res: Response, plannedList: Planned[], allOrNone: boolean, actorId: string): void {
  const failed = plannedList.some((p) => !p.ok);
  if (allOrNone && failed) {
    res.json(plannedList.map((p): SaveResult => (p.ok ? rolledBack(p.plan) : failureResult(p))));
    return;
  }
  const plans = plannedList.flatMap((p) => (p.ok ? [p.plan] : []));
  const committed = org.store.commit(plans, actorId);
  let next = 0;
  res.json(plannedList.map((p): SaveResult => (p.ok ? successResult(committed[next++]!) : failureResult(p))));
}

function rolledBack(plan: WritePlan): SaveResult {
  return { ...(plan.kind === 'create' ? {} : { id: plan.id }), success: false, errors: [ROLLED_BACK] };
}

function typeOf(org: Org, record: SObjectRecord): { object: ObjectDefinition } | { object: null; error: RecordError } {
  const attributesValue = record.attributes as { type?: unknown } | undefined;
  const type = attributesValue?.type;
  if (typeof type !== 'string' || type === '')
    return { object: null, error: recordError('INVALID_TYPE', 'Must send a concrete entity type.') };
  const object = org.schema.object(type);
  if (!object) {
    return { object: null, error: recordError('INVALID_TYPE', `sObject type '${type}' is not supported.`) };
  }
  return { object };
}

export function collectionRoutes(org: Org): express.Router {
  const router = express.Router({ mergeParams: true });

  router.post('/', (req, res) => {
    const { allOrNone, records } = collectionBody(req);
    const context: WriteContext = { actorId: sessionOf(res).userId, channel: 'json' };
    const planned = records.map((record): Planned => {
      const typed = typeOf(org, record);
      if (!typed.object) return { ok: false, errors: [typed.error] };
      const { object } = typed;
      return org.store.planCreate(object, record, context);
    });
    save(org, res, planned, allOrNone, context.actorId);
  });

  router.patch('/', (req, res) => {
    const { allOrNone, records } = collectionBody(req);
    const context: WriteContext = { actorId: sessionOf(res).userId, channel: 'json' };
    const planned = records.map((record): Planned => {
      const typed = typeOf(org, record);
      if (!typed.object) return { ok: false, errors: [typed.error] };
      const { object } = typed;
      const idKey = Object.keys(record).find((k) => k.toLowerCase() === 'id');
      const id = idKey ? record[idKey] : undefined;
      if (typeof id !== 'string' || id === '') {
        return { ok: false, errors: [recordError('MISSING_ARGUMENT', 'Id not specified in an update call')] };
      }
      return org.store.planUpdate(object, id, record, context);
    });
    save(org, res, planned, allOrNone, context.actorId);
  });

  router.delete('/', (req, res) => {
    const ids = String(req.query.ids ?? '')
      .split(',')
      .filter((id) => id !== '');
    if (ids.length > MAX_RECORDS) throw tooMany();
    const allOrNone = req.query.allOrNone === 'true';
    const planned = ids.map((id): Planned => {
      const object = org.schema.objectByKeyPrefix(id.slice(0, 3));
      if (!object || !toId18(id))
        return { ok: false, errors: [recordError('MALFORMED_ID', `malformed id ${id}`, ['Id'])] };
      return org.store.planDelete(object, id);
    });
    save(org, res, planned, allOrNone, sessionOf(res).userId);
  });

  // Retrieve: `POST /composite/sobjects/<type>` with `{ ids, fields }` (or GET with them in the query string).
  const retrieve = (req: Request, res: Response, ids: string[], fieldNames: string[]) => {
    const object = org.schema.object(String(req.params.type));
    if (!object) throw new RequestError(404, 'NOT_FOUND', 'The requested resource does not exist');
    if (ids.length > 2000) throw tooMany();
    const fields = fieldNames.map((name) => {
      const field = org.schema.field(object, name);
      if (!field) throw new RequestError(400, 'INVALID_FIELD', `No such column '${name}' on entity '${object.name}'`);
      return field;
    });
    res.json(
      ids.map((id) => {
        const record = org.store.get(id);
        if (!record || record.deletedAt !== null || record.object !== object) return null;
        const out: SObjectRecord = { attributes: attributes(record, versionOf(req)) };
        for (const field of fields) out[field.name] = record.values[field.name] ?? null;
        return out;
      }),
    );
  };
  router.post('/:type', (req, res) => {
    const body = req.body as { ids?: unknown; fields?: unknown } | undefined;
    const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
    retrieve(req, res, strings(body?.ids), strings(body?.fields));
  });
  router.get('/:type', (req, res) => {
    const list = (v: unknown) => (typeof v === 'string' && v !== '' ? v.split(',') : []);
    retrieve(req, res, list(req.query.ids), list(req.query.fields));
  });

  return router;
}
