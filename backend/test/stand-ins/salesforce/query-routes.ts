import express from 'express';
import type { Request, Response } from 'express';
import { RequestError } from './errors.ts';
import type { Org } from './org.ts';
import type { SObjectRecord } from './records.ts';
import { versionOf } from './rest-api.ts';
import { IdAllocator } from './salesforce-ids.ts';
import { SoqlError } from './soql-parser.ts';

/**
 * `/query` and `/queryAll`, paged as Salesforce pages them: a batch of up to 2,000 rows (the
 * `Sforce-Query-Options: batchSize=N` header asks for 200 to 2,000), `done: false` and a `nextRecordsUrl` of
 * `/services/data/vXX.X/query/<locator>-<offset>` for the rest. A query's rows are fixed when it runs.
 */

const DEFAULT_BATCH = 2000;
const MIN_BATCH = 200;
// Salesforce keeps a limited number of open cursors per user; the oldest go first.
const MAX_CURSORS = 100;

interface Cursor {
  rows: SObjectRecord[];
  batchSize: number;
}

function batchSizeOf(req: Request): number {
  const match = /batchSize\s*=\s*(\d+)/i.exec(req.get('sforce-query-options') ?? '');
  if (!match) return DEFAULT_BATCH;
  return Math.min(DEFAULT_BATCH, Math.max(MIN_BATCH, Number(match[1])));
}

export function queryRoutes(org: Org): express.Router {
  const router = express.Router({ mergeParams: true });
  const cursors = new Map<string, Cursor>();
  const locators = new IdAllocator();

  const page = (req: Request, res: Response, locator: string, cursor: Cursor, offset: number, totalSize: number) => {
    const records = cursor.rows.slice(offset, offset + cursor.batchSize);
    const nextOffset = offset + records.length;
    const done = nextOffset >= cursor.rows.length;
    if (done) cursors.delete(locator);
    res.json({
      totalSize,
      done,
      ...(done ? {} : { nextRecordsUrl: `/services/data/${versionOf(req)}/query/${locator}-${nextOffset}` }),
      records,
    });
  };

  const run = (includeDeleted: boolean) => (req: Request, res: Response) => {
    const soql = req.query.q;
    if (typeof soql !== 'string' || soql.trim() === '') {
      throw new RequestError(400, 'MALFORMED_QUERY', 'A query string has to be specified');
    }
    let result;
    try {
      result = org.soql.run(soql, { includeDeleted, version: versionOf(req) });
    } catch (error) {
      if (error instanceof SoqlError) throw new RequestError(400, error.errorCode, error.message);
      throw error;
    }
    if (result.countOnly) {
      res.json({ totalSize: result.totalSize, done: true, records: [] });
      return;
    }
    const locator = locators.next('01g');
    const cursor = { rows: result.rows, batchSize: batchSizeOf(req) };
    cursors.set(locator, cursor);
    if (cursors.size > MAX_CURSORS) cursors.delete(cursors.keys().next().value!);
    page(req, res, locator, cursor, 0, result.totalSize);
  };

  const more = (req: Request, res: Response) => {
    const match = /^(.+)-(\d+)$/.exec(String(req.params.locator));
    const cursor = match ? cursors.get(match[1]!) : undefined;
    if (!match || !cursor) throw new RequestError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
    page(req, res, match[1]!, cursor, Number(match[2]), cursor.rows.length);
  };

  router.get('/query', run(false));
  router.get('/queryAll', run(true));
  router.get('/query/:locator', more);
  router.get('/queryAll/:locator', more);
  return router;
}
