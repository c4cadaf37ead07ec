import express from 'express';
import type { Request, Response } from 'express';
import { parse } from 'csv-parse/sync';
import { COLUMN_DELIMITERS, csvLines, LINE_ENDINGS, quote } from './csv-format.ts';
import { RequestError } from './errors.ts';
import type { RecordError } from './errors.ts';
import type { Org } from './org.ts';
import type { Planned, SObjectRecord, WriteContext } from './records.ts';
import { sessionOf, versionOf } from './rest-api.ts';
import { IdAllocator } from './salesforce-ids.ts';
import type { FieldDefinition, ObjectDefinition } from './schema.ts';
import { formatDateTime } from './timestamps.ts';

/**
 * Bulk API 2.0 ingest jobs (`/jobs/ingest`) as jsforce's `bulk2` drives them: create the job, PUT one CSV, PATCH
 * it to `UploadComplete`, poll until `JobComplete`, then read `successfulResults/`, `failedResults/` and
 * `unprocessedrecords/`. Processing advances with the polls: the first look after the upload completes finds
 * the job `InProgress`, a later one `JobComplete` (how many polls that takes is an option), so a poller always
 * sees the intermediate state. Rows are saved in chunks of 200, each chunk one transaction with partial success.
 * Empty values leave a field unchanged and `#N/A` clears it, as in Salesforce.
 */

export interface BulkIngestOptions {
  /** Polls of a job's info, after the upload completes, that find it still `InProgress`. Default 1. */
  pollsInProgress: number;
}

type Operation = 'insert' | 'update' | 'upsert' | 'delete' | 'hardDelete';
type State = 'Open' | 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Aborted' | 'Failed';

interface IngestJob {
  id: string;
  operation: Operation;
  object: ObjectDefinition;
  externalIdFieldName: string | null;
  createdById: string;
  createdDate: string;
  systemModstamp: string;
  state: State;
  apiVersion: number;
  lineEnding: string;
  columnDelimiter: string;
  errorMessage: string | null;
  csv: string | null;
  pollsLeft: number;
  header: string[];
  successful: string[][];
  failed: string[][];
  unprocessed: string[][];
  startedAt: number | null;
  finishedAt: number | null;
}

const OPERATIONS = new Set<Operation>(['insert', 'update', 'upsert', 'delete', 'hardDelete']);
const CHUNK = 200;

function bulkError(status: number, errorCode: string, message: string): RequestError {
  return new RequestError(status, errorCode, message);
}

export function bulkIngestRoutes(org: Org, options: BulkIngestOptions): express.Router {
  const router = express.Router({ mergeParams: true });
  const jobs = new Map<string, IngestJob>();
  const ids = new IdAllocator();

  const summary = (job: IngestJob) => ({
    id: job.id,
    operation: job.operation,
    object: job.object.name,
    createdById: job.createdById,
    createdDate: job.createdDate,
    systemModstamp: job.systemModstamp,
    state: job.state,
    ...(job.externalIdFieldName ? { externalIdFieldName: job.externalIdFieldName } : {}),
    concurrencyMode: 'Parallel',
    contentType: 'CSV',
    apiVersion: job.apiVersion,
    jobType: 'V2Ingest',
    lineEnding: job.lineEnding,
    columnDelimiter: job.columnDelimiter,
  });

  const info = (job: IngestJob) => ({
    ...summary(job),
    numberRecordsProcessed: job.successful.length + job.failed.length,
    numberRecordsFailed: job.failed.length,
    retries: 0,
    totalProcessingTime: job.startedAt !== null ? (job.finishedAt ?? org.clock()) - job.startedAt : 0,
    apiActiveProcessingTime: 0,
    apexProcessingTime: 0,
    ...(job.errorMessage ? { errorMessage: job.errorMessage } : {}),
  });

  const jobOf = (req: Request): IngestJob => {
    const job = jobs.get(String(req.params.jobId));
    if (!job) throw bulkError(404, 'NOT_FOUND', 'The requested resource does not exist');
    return job;
  };

  const touch = (job: IngestJob, state: State) => {
    job.state = state;
    job.systemModstamp = formatDateTime(org.clock());
  };

  const fail = (job: IngestJob, message: string) => {
    touch(job, 'Failed');
    job.errorMessage = message;
    job.finishedAt = org.clock();
  };

  router.post('/', (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const object = typeof body.object === 'string' ? org.schema.object(body.object) : undefined;
    if (!object)
      throw bulkError(
        400,
        'INVALIDJOB',
        `InvalidJob : Entity '${String(body.object)}' is not supported by the Bulk API.`,
      );
    const operation = body.operation as Operation;
    if (!OPERATIONS.has(operation))
      throw bulkError(400, 'INVALIDJOB', `InvalidJob : Invalid operation: ${String(body.operation)}`);
    const externalIdFieldName = typeof body.externalIdFieldName === 'string' ? body.externalIdFieldName : null;
    if (operation === 'upsert') {
      const field = externalIdFieldName ? org.schema.field(object, externalIdFieldName) : undefined;
      if (!field || (!field.externalId && field.name !== 'Id')) {
        throw bulkError(400, 'INVALIDJOB', `InvalidJob : External ID was blank or not valid for ${object.name}`);
      }
    }
    if (body.contentType !== undefined && body.contentType !== 'CSV') {
      throw bulkError(400, 'INVALIDJOB', `InvalidJob : Invalid contentType: ${String(body.contentType)}`);
    }
    const lineEnding = typeof body.lineEnding === 'string' ? body.lineEnding : 'LF';
    const columnDelimiter = typeof body.columnDelimiter === 'string' ? body.columnDelimiter : 'COMMA';
    if (!LINE_ENDINGS[lineEnding] || !COLUMN_DELIMITERS[columnDelimiter]) {
      throw bulkError(400, 'INVALIDJOB', 'InvalidJob : Invalid lineEnding or columnDelimiter');
    }
    const now = formatDateTime(org.clock());
    const job: IngestJob = {
      id: ids.next('750'),
      operation,
      object,
      externalIdFieldName,
      createdById: sessionOf(res).userId,
      createdDate: now,
      systemModstamp: now,
      state: 'Open',
      apiVersion: Number(versionOf(req).slice(1)),
      lineEnding,
      columnDelimiter,
      errorMessage: null,
      csv: null,
      pollsLeft: options.pollsInProgress,
      header: [],
      successful: [],
      failed: [],
      unprocessed: [],
      startedAt: null,
      finishedAt: null,
    };
    jobs.set(job.id, job);
    res.json({ ...summary(job), contentUrl: `services/data/${versionOf(req)}/jobs/ingest/${job.id}/batches` });
  });

  router.get('/', (_req, res) => {
    res.json({ done: true, records: [...jobs.values()].map(summary), nextRecordsUrl: null });
  });

  router.put('/:jobId/batches', express.text({ type: 'text/csv', limit: '150mb' }), (req, res) => {
    const job = jobOf(req);
    if (job.state !== 'Open') throw bulkError(409, 'INVALIDJOBSTATE', `Job ${job.id} is not open for uploads`);
    if (job.csv !== null) throw bulkError(409, 'INVALIDJOBSTATE', 'Only one upload of data is allowed per job');
    if (typeof req.body !== 'string') throw bulkError(400, 'INVALIDJOB', 'The data must be sent as text/csv');
    job.csv = req.body;
    res.status(201).end();
  });

  router.patch('/:jobId', (req, res) => {
    const job = jobOf(req);
    const state = (req.body as { state?: unknown } | undefined)?.state;
    if (state === 'UploadComplete' && job.state === 'Open') {
      touch(job, 'UploadComplete');
      if (job.csv === null) fail(job, 'InvalidBatch : No data was uploaded for the job');
    } else if (
      state === 'Aborted' &&
      (job.state === 'Open' || job.state === 'UploadComplete' || job.state === 'InProgress')
    ) {
      touch(job, 'Aborted');
      job.finishedAt = org.clock();
    } else {
      throw bulkError(400, 'INVALIDJOBSTATE', `Invalid state transition from ${job.state} to ${String(state)}`);
    }
    res.json(summary(job));
  });

  router.get('/:jobId', (req, res) => {
    const job = jobOf(req);
    if (job.state === 'UploadComplete') {
      touch(job, 'InProgress');
      job.startedAt = org.clock();
    } else if (job.state === 'InProgress') {
      job.pollsLeft -= 1;
      if (job.pollsLeft <= 0) process(org, job, sessionOf(res).userId, fail, touch);
    }
    res.json(info(job));
  });

  router.delete('/:jobId', (req, res) => {
    const job = jobOf(req);
    if (job.state === 'Open' || job.state === 'InProgress') {
      throw bulkError(400, 'INVALIDJOBSTATE', `Job ${job.id} can't be deleted in state ${job.state}`);
    }
    jobs.delete(job.id);
    res.status(204).end();
  });

  const results =
    (pick: (job: IngestJob) => { header: string[]; rows: string[][] }) => (req: Request, res: Response) => {
      const job = jobOf(req);
      const { header, rows } = pick(job);
      const delimiter = COLUMN_DELIMITERS[job.columnDelimiter]!;
      res.type('text/csv').send(csvLines(header, rows, delimiter, LINE_ENDINGS[job.lineEnding]!));
    };
  const successful = results((job) => ({
    header: [quote('sf__Id'), quote('sf__Created'), ...job.header],
    rows: job.successful,
  }));
  const failed = results((job) => ({ header: [quote('sf__Id'), quote('sf__Error'), ...job.header], rows: job.failed }));
  const unprocessed = results((job) => ({ header: job.header, rows: job.unprocessed }));
  // Routing is not strict about trailing slashes, so `successfulResults/` (as documented) is served too.
  router.get('/:jobId/successfulResults', successful);
  router.get('/:jobId/failedResults', failed);
  router.get('/:jobId/unprocessedrecords', unprocessed);

  return router;
}

function errorText(errors: RecordError[]): string {
  return errors
    .map((e) => `${e.statusCode}:${e.message}:${e.fields.length > 0 ? `${e.fields.join(',')} ` : ''}--`)
    .join(' ');
}

function process(
  org: Org,
  job: IngestJob,
  actorId: string,
  fail: (job: IngestJob, message: string) => void,
  touch: (job: IngestJob, state: State) => void,
): void {
  let rows: string[][];
  try {
    rows = parse(job.csv ?? '', {
      delimiter: COLUMN_DELIMITERS[job.columnDelimiter],
      bom: true,
      skip_empty_lines: true,
      relax_quotes: false,
    });
  } catch (error) {
    return fail(job, `InvalidBatch : Failed to parse CSV: ${(error as Error).message}`);
  }
  const [header, ...data] = rows;
  if (!header) return fail(job, 'InvalidBatch : No data was uploaded for the job');
  job.header = header;
  const columns: FieldDefinition[] = [];
  for (const name of header) {
    const field = org.schema.field(job.object, name);
    if (!field) return fail(job, `InvalidBatch : Field name not found : ${name}`);
    columns.push(field);
  }
  const idColumn = columns.findIndex((f) => f.name === 'Id');
  if ((job.operation === 'update' || job.operation === 'delete' || job.operation === 'hardDelete') && idColumn < 0) {
    return fail(job, 'InvalidBatch : Field name not provided: Id');
  }
  const keyColumn =
    job.operation === 'upsert'
      ? columns.findIndex((f) => f.name.toLowerCase() === job.externalIdFieldName!.toLowerCase())
      : -1;
  if (job.operation === 'upsert' && keyColumn < 0) {
    return fail(job, `InvalidBatch : Field name not provided: ${job.externalIdFieldName!}`);
  }

  const context: WriteContext = { actorId, channel: 'csv' };
  for (let start = 0; start < data.length; start += CHUNK) {
    const chunk = data.slice(start, start + CHUNK);
    const planned = chunk.map((row): Planned => {
      if (row.length !== header.length) {
        return {
          ok: false,
          errors: [{ statusCode: 'INVALID_FIELD', message: 'Row has the wrong number of columns', fields: [] }],
        };
      }
      const input: SObjectRecord = {};
      columns.forEach((field, i) => {
        const value = row[i]!;
        if (field.name === 'Id' || value === '') return;
        input[field.name] = value === '#N/A' ? null : value;
      });
      const id = idColumn >= 0 ? row[idColumn]! : '';
      switch (job.operation) {
        case 'insert':
          return org.store.planCreate(job.object, input, context);
        case 'update':
          return org.store.planUpdate(job.object, id, input, context);
        case 'delete':
        case 'hardDelete':
          return org.store.planDelete(job.object, id);
        case 'upsert': {
          const key = columns[keyColumn]!;
          const match =
            key.name === 'Id' ? (id ? org.store.get(id) : undefined) : findByKey(org, job.object, key, row[keyColumn]!);
          return match
            ? org.store.planUpdate(job.object, String(match.values.Id), input, context)
            : org.store.planCreate(job.object, input, context);
        }
      }
    });
    const committed = org.store.commit(
      planned.flatMap((p) => (p.ok ? [p.plan] : [])),
      actorId,
    );
    let next = 0;
    planned.forEach((p, i) => {
      const row = chunk[i]!;
      if (p.ok) {
        const saved = committed[next++]!;
        job.successful.push([saved.id, String(saved.created), ...row]);
      } else {
        job.failed.push([p.id ?? '', errorText(p.errors), ...row]);
      }
    });
  }
  touch(job, 'JobComplete');
  job.finishedAt = org.clock();
}

function findByKey(org: Org, object: ObjectDefinition, key: FieldDefinition, value: string) {
  if (value === '') return undefined;
  return org.store
    .list(object)
    .find((r) => r.deletedAt === null && String(r.values[key.name] ?? '').toLowerCase() === value.toLowerCase());
}
