import express from 'express';
import type { Request, Response } from 'express';
import { RequestError, notFound } from './errors.ts';
import type { Org } from './org.ts';
import type { SObjectRecord } from './records.ts';
import { sessionOf, versionOf } from './rest-api.ts';
import { SoqlError } from './soql-parser.ts';

/**
 * The Tooling API (`/services/data/vXX.X/tooling/…`), the part setup tools use: `query` and sObject read/update
 * for the Tooling objects the stand-in has (CspTrustedSite), and `executeAnonymous`.
 *
 * executeAnonymous does not run Apex. It knows one statement, the SDR package's own round trip
 * `SdrBackend.getObject('/v1/crm/connection', new Map<String, String>());`, and performs that callout as the
 * org would: to the SDR_Backend Named Credential's URL, with `Authorization: Bearer <the stored ApiKey>` (the
 * External Credential's custom header formula), then answers with ExecuteAnonymousResult as Salesforce does,
 * with SdrBackend's exception message when the service refuses or cannot be reached. Any other code is
 * answered `compiled: false`. Without the SdrBackend class deployed, the statement does not compile either.
 */

const TOOLING_OBJECTS = new Set(['csptrustedsite']);

export const ROUND_TRIP_STATEMENT = "SdrBackend.getObject('/v1/crm/connection', new Map<String, String>());";

const normalize = (code: string) => code.replace(/\s+/g, ' ').trim();

// SdrBackend's messages for people, as its `send` throws them.
const KEY_REJECTED = "The SDR service did not accept this org's key. Ask your Salesforce admin to reconnect it.";
const BUSY = 'The SDR service is busy. Try again in a moment.';
const UNREACHABLE = 'The SDR service cannot be reached right now. Try again in a minute.';
const NOT_FOUND = 'The SDR service has no record of this.';
const REFUSED = 'The SDR service could not accept this request.';

interface AnonymousResult {
  line: number;
  column: number;
  compiled: boolean;
  success: boolean;
  compileProblem: string | null;
  exceptionStackTrace: string | null;
  exceptionMessage: string | null;
}

const compileProblem = (problem: string): AnonymousResult => ({
  line: 1,
  column: 1,
  compiled: false,
  success: false,
  compileProblem: problem,
  exceptionStackTrace: null,
  exceptionMessage: null,
});

const thrown = (message: string, exception = 'SdrBackend.BackendException'): AnonymousResult => ({
  line: 1,
  column: 1,
  compiled: true,
  success: false,
  compileProblem: null,
  exceptionStackTrace:
    'Class.SdrBackend.send: line 141, column 1\nClass.SdrBackend.get: line 35, column 1\n' +
    'Class.SdrBackend.getObject: line 57, column 1\nAnonymousBlock: line 1, column 1',
  exceptionMessage: `${exception}: ${message}`,
});

async function problemDetail(response: globalThis.Response, fallback: string): Promise<string> {
  try {
    const problem = (await response.json()) as { detail?: unknown };
    return typeof problem.detail === 'string' && problem.detail !== '' ? problem.detail : fallback;
  } catch {
    return fallback;
  }
}

async function roundTrip(org: Org, userId: string): Promise<AnonymousResult> {
  if (!org.apexClasses.has('SdrBackend')) return compileProblem('Variable does not exist: SdrBackend');
  const nc = org.namedCredentials.named.get('SDR_Backend');
  if (!nc) return thrown('Unable to find the named credential SDR_Backend', 'System.CalloutException');
  const key = org.namedCredentials.storedValue(nc.externalCredential, 'SDR_Backend_Key', 'ApiKey') ?? '';
  let response: globalThis.Response;
  try {
    response = await fetch(`${nc.calloutUrl.replace(/\/+$/, '')}/v1/crm/connection`, {
      headers: {
        accept: 'application/json, application/problem+json',
        authorization: `Bearer ${key}`,
        'x-sdr-salesforce-user': userId,
      },
      signal: AbortSignal.timeout(10_000),
    });
  } catch {
    return thrown(UNREACHABLE);
  }
  const status = response.status;
  if (status >= 200 && status < 300) {
    try {
      const body: unknown = await response.json();
      if (!body || typeof body !== 'object' || Array.isArray(body)) throw new Error('not an object');
    } catch {
      return thrown('The SDR service sent an answer this org cannot read.');
    }
    return { ...compileProblem(''), compiled: true, success: true, compileProblem: null, line: -1, column: -1 };
  }
  if (status === 404) return thrown(await problemDetail(response, NOT_FOUND), 'SdrBackend.NotFoundException');
  if (status === 401 || status === 403) return thrown(KEY_REJECTED);
  if (status === 429) return thrown(BUSY);
  if (status >= 400 && status < 500) return thrown(await problemDetail(response, REFUSED));
  return thrown(UNREACHABLE);
}

export function toolingRoutes(org: Org): express.Router {
  const router = express.Router({ mergeParams: true });

  const toolingObject = (name: string) => {
    const object = org.schema.object(name);
    if (!object || !TOOLING_OBJECTS.has(object.name.toLowerCase())) {
      throw new RequestError(404, 'NOT_FOUND', `The requested resource does not exist`);
    }
    return object;
  };

  router.get('/query', (req, res) => {
    const soql = typeof req.query.q === 'string' ? req.query.q : '';
    const from = /\bFROM\s+(\w+)/i.exec(soql)?.[1];
    if (from && !TOOLING_OBJECTS.has(from.toLowerCase())) {
      throw new RequestError(400, 'INVALID_TYPE', `sObject type '${from}' is not supported.`);
    }
    let result;
    try {
      result = org.soql.run(soql, { includeDeleted: false, version: versionOf(req) });
    } catch (error) {
      if (error instanceof SoqlError) throw new RequestError(400, error.errorCode, error.message);
      throw error;
    }
    res.json({
      size: result.totalSize,
      totalSize: result.totalSize,
      done: true,
      queryLocator: null,
      entityTypeName: from ?? null,
      records: result.countOnly ? [] : result.rows,
    });
  });

  router.get('/sobjects/:type/:id', (req, res) => {
    const object = toolingObject(String(req.params.type));
    const record = org.store.get(String(req.params.id));
    if (!record || record.object !== object || record.deletedAt !== null) throw notFound();
    res.json({ attributes: { type: object.name }, ...record.values });
  });

  router.patch('/sobjects/:type/:id', (req: Request, res: Response) => {
    const object = toolingObject(String(req.params.type));
    const context = { actorId: sessionOf(res).userId, channel: 'json' } as const;
    const input = { ...((req.body ?? {}) as Record<string, unknown>) };
    delete input.attributes;
    const planned = org.store.planUpdate(object, String(req.params.id), input as SObjectRecord, context);
    if (!planned.ok) {
      res
        .status(planned.errors[0]?.statusCode === 'ENTITY_IS_DELETED' ? 404 : 400)
        .json(planned.errors.map((e) => ({ message: e.message, errorCode: e.statusCode, fields: e.fields })));
      return;
    }
    org.store.commit([planned.plan], context.actorId);
    res.status(204).end();
  });

  router.get('/executeAnonymous', async (req, res) => {
    const code = typeof req.query.anonymousBody === 'string' ? req.query.anonymousBody : '';
    if (normalize(code) !== normalize(ROUND_TRIP_STATEMENT)) {
      res.json(compileProblem('The Salesforce stand-in runs only the SDR round-trip statement as anonymous Apex'));
      return;
    }
    res.json(await roundTrip(org, sessionOf(res).userId));
  });
  return router;
}
