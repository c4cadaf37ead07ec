import express from 'express';
import type { Request, Response } from 'express';
import { describeGlobal, describeSObject, objectSummary } from './describe.ts';
import { notFound, RequestError } from './errors.ts';
import type { Org } from './org.ts';
import type { Planned, SObjectRecord, StoredRecord } from './records.ts';
import { sessionOf, versionOf } from './rest-api.ts';
import { successResult } from './save-results.ts';
import type { ObjectDefinition } from './schema.ts';
import { attributes } from './soql-engine.ts';
import { toId18 } from './salesforce-ids.ts';
import { formatDateTime, parseDateTime } from './timestamps.ts';

/** `/sobjects`: describeGlobal, describe, and the single-record create, read, update and delete. */

export function objectOf(org: Org, req: Request): ObjectDefinition {
  const object = org.schema.object(String(req.params.type));
  if (!object) throw notFound();
  return object;
}

function body(req: Request): SObjectRecord {
  const value: unknown = req.body;
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new RequestError(400, 'JSON_PARSER_ERROR', 'The request body must be a JSON object');
  }
  return value as SObjectRecord;
}

/** A record error answered the way the single-record resources do: 400 with `[{ message, errorCode, fields }]`. */
function refuse(res: Response, planned: Extract<Planned, { ok: false }>): void {
  res.status(400).json(planned.errors.map((e) => ({ message: e.message, errorCode: e.statusCode, fields: e.fields })));
}

/** The live record at `/sobjects/<type>/<id>`, or the 404 Salesforce gives for a bad, unknown or deleted id. */
function recordAt(org: Org, object: ObjectDefinition, id: string): StoredRecord {
  const id18 = toId18(id);
  if (!id18 || id18.slice(0, 3) !== object.keyPrefix) {
    throw new RequestError(404, 'NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${id}`);
  }
  const record = org.store.get(id18);
  if (!record) throw notFound();
  if (record.deletedAt !== null) throw new RequestError(404, 'ENTITY_IS_DELETED', 'entity is deleted');
  return record;
}

function window(req: Request): { start: number; end: number } {
  const start = parseDateTime(String(req.query.start ?? ''));
  const end = parseDateTime(String(req.query.end ?? ''));
  if (start === null || end === null) {
    throw new RequestError(400, 'INVALID_REPLICATION_DATE', 'start and end must be valid dateTimes');
  }
  return { start, end };
}

export function sobjectRoutes(org: Org): express.Router {
  const router = express.Router({ mergeParams: true });

  router.get('/', (req, res) => {
    res.json(describeGlobal(org.schema, versionOf(req)));
  });

  router.get('/:type/describe', (req, res) => {
    res.json(describeSObject(org.schema, objectOf(org, req), versionOf(req)));
  });

  router.get('/:type', (req, res) => {
    res.json({ objectDescribe: objectSummary(objectOf(org, req), versionOf(req)), recentItems: [] });
  });

  // The replication resources: ids changed, or deleted, between two instants (what jsforce's updated()/deleted() call).
  router.get('/:type/updated', (req, res) => {
    const object = objectOf(org, req);
    const { start, end } = window(req);
    const ids = org.store
      .list(object)
      .filter((r) => r.deletedAt === null)
      .filter((r) => {
        const stamp = parseDateTime(String(r.values.SystemModstamp))!;
        return stamp >= start && stamp < end;
      })
      .map((r) => String(r.values.Id));
    res.json({ ids, latestDateCovered: formatDateTime(Math.min(end, org.clock())) });
  });

  router.get('/:type/deleted', (req, res) => {
    const object = objectOf(org, req);
    const { start, end } = window(req);
    const deletedRecords = org.store
      .list(object)
      .filter((r) => r.deletedAt !== null && r.deletedAt >= start && r.deletedAt < end)
      .map((r) => ({ id: r.values.Id, deletedDate: formatDateTime(r.deletedAt!) }));
    const first = org.store.list(object)[0];
    res.json({
      deletedRecords,
      earliestDateAvailable: first ? first.values.CreatedDate : formatDateTime(org.clock()),
      latestDateCovered: formatDateTime(Math.min(end, org.clock())),
    });
  });

  router.post('/:type', (req, res) => {
    const object = objectOf(org, req);
    const context = { actorId: sessionOf(res).userId, channel: 'json' } as const;
    const planned = org.store.planCreate(object, body(req), context);
    if (!planned.ok) return refuse(res, planned);
    const [committed] = org.store.commit([planned.plan], context.actorId);
    res.status(201).json(successResult(committed!));
  });

  router.get('/:type/:id', (req, res) => {
    const object = objectOf(org, req);
    if (object.kind === 'platformEvent') throw notFound();
    const record = recordAt(org, object, String(req.params.id));
    const wanted =
      typeof req.query.fields === 'string' && req.query.fields !== ''
        ? req.query.fields.split(',').map((name) => {
            const field = org.schema.field(object, name.trim());
            if (!field) {
              throw new RequestError(
                400,
                'INVALID_FIELD',
                `No such column '${name.trim()}' on entity '${object.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
              );
            }
            return field;
          })
        : object.fields;
    const out: SObjectRecord = { attributes: attributes(record, versionOf(req)) };
    for (const field of wanted) out[field.name] = record.values[field.name] ?? null;
    res.json(out);
  });

  router.patch('/:type/:id', (req, res) => {
    const object = objectOf(org, req);
    const record = recordAt(org, object, String(req.params.id));
    const context = { actorId: sessionOf(res).userId, channel: 'json' } as const;
    const planned = org.store.planUpdate(object, String(record.values.Id), body(req), context);
    if (!planned.ok) return refuse(res, planned);
    org.store.commit([planned.plan], context.actorId);
    res.status(204).end();
  });

  router.delete('/:type/:id', (req, res) => {
    const object = objectOf(org, req);
    const record = recordAt(org, object, String(req.params.id));
    const planned = org.store.planDelete(object, String(record.values.Id));
    if (!planned.ok) return refuse(res, planned);
    org.store.commit([planned.plan], sessionOf(res).userId);
    res.status(204).end();
  });

  return router;
}
