import { randomUUID } from 'node:crypto';
import express, { type NextFunction, type Request, type Response } from 'express';
import { badRequest, forbidden, GraphApiError, graphErrorBody, IdentityError, notFound } from './errors.ts';
import { faultCode, type FaultPlan } from './faults.ts';
import type { Directory, IssuedToken } from './identity.ts';
import { subscriptionJson, type Subscriptions } from './subscriptions.ts';
import { transcriptJson, type StandInTranscript, type TranscriptStore } from './transcripts.ts';

export interface RecordedRequest {
  target: 'login' | 'graph' | 'other';
  method: string;
  /** The path as received (still percent-encoded), without the query. */
  path: string;
  query: Record<string, unknown>;
  accept: string | undefined;
  authorized: boolean;
  body: string;
  status: number;
}

export interface AppParts {
  directory: Directory;
  subscriptions: Subscriptions;
  transcripts: TranscriptStore;
  faults: FaultPlan;
  log: RecordedRequest[];
  now: () => Date;
  graphUrl: () => string;
  accessPolicyUsers: ReadonlySet<string> | null;
}

const TRANSCRIPT_ROLE = 'OnlineMeetingTranscript.Read.All';
const JSON_TYPE = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';
const DEFAULT_PAGE = 10;
const MAX_PAGE = 100;

function sendJson(res: Response, status: number, body: unknown) {
  res.status(status).set('content-type', JSON_TYPE).send(JSON.stringify(body));
}

function parseJsonBody(text: string): Record<string, unknown> {
  if (!text.trim()) throw badRequest('Empty Payload. JSON content expected.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw badRequest('Invalid JSON in the request body.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw badRequest('Expected a JSON object.');
  return parsed as Record<string, unknown>;
}

const token = (res: Response) => res.locals.token as IssuedToken;

/** `getAllTranscripts(meetingOrganizerUserId='…',startDateTime=…,endDateTime=…)` → its parameters. */
function functionParameters(segment: string): Record<string, string> | null {
  const match = /^getAllTranscripts(?:\((.*)\))?$/i.exec(segment);
  if (!match) return null;
  const parameters: Record<string, string> = {};
  const list = /\s*([A-Za-z]+)\s*=\s*('(?:[^']|'')*'|[^,]*)\s*(?:,|$)/gy;
  const source = match[1] ?? '';
  for (let m = list.exec(source); m && m[0] !== ''; m = list.exec(source)) {
    const raw = m[2]!.trim();
    parameters[m[1]!] = raw.startsWith("'") ? raw.slice(1, -1).replace(/''/g, "'") : raw;
  }
  return parameters;
}

export function createHttpApp(parts: AppParts): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(express.text({ type: () => true, limit: '5mb' }));

  app.use((req, res, next) => {
    const record: RecordedRequest = {
      target: req.path.startsWith('/login/') ? 'login' : req.path.startsWith('/v1.0/') ? 'graph' : 'other',
      method: req.method,
      path: req.originalUrl.split('?')[0]!,
      query: { ...(req.query as Record<string, unknown>) },
      accept: req.get('accept'),
      authorized: Boolean(req.get('authorization')),
      body: typeof req.body === 'string' ? req.body : '',
      status: 0,
    };
    parts.log.push(record);
    res.on('finish', () => {
      record.status = res.statusCode;
    });
    const requestId = randomUUID();
    res.locals.requestId = requestId;
    res.set({ 'request-id': requestId, 'client-request-id': requestId });
    if (record.target === 'other') return next();
    const fault = parts.faults.take({ target: record.target, method: req.method, path: record.path });
    if (!fault) return next();
    const headers: Record<string, string> = { ...fault.headers };
    if (fault.retryAfterSeconds !== undefined) headers['retry-after'] = String(fault.retryAfterSeconds);
    else if (fault.status === 429) headers['retry-after'] = '1';
    res.set(headers).status(fault.status);
    if (typeof fault.body === 'string') res.type('text/html').send(fault.body);
    else if (fault.body !== undefined) sendJson(res, fault.status, fault.body);
    else if (record.target === 'login')
      sendJson(res, fault.status, {
        error: 'temporarily_unavailable',
        error_description: 'AADSTS50196: The server is busy.',
      });
    else
      sendJson(
        res,
        fault.status,
        graphErrorBody(
          faultCode(fault.status),
          fault.status === 429 ? 'Too many requests.' : 'The service is unavailable.',
          requestId,
          parts.now(),
        ),
      );
  });

  // ---- identity platform -----------------------------------------------------------------------------------------

  app.post('/login/:tenant/oauth2/v2.0/token', (req, res) => {
    const form =
      (req.get('content-type') ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded') &&
      typeof req.body === 'string'
        ? Object.fromEntries(new URLSearchParams(req.body))
        : {};
    try {
      res.set('cache-control', 'no-store');
      sendJson(res, 200, parts.directory.issue(String(req.params.tenant), form, parts.now().getTime()));
    } catch (error) {
      if (!(error instanceof IdentityError)) throw error;
      sendJson(res, error.status, error.body(parts.now()));
    }
  });

  // ---- Graph -----------------------------------------------------------------------------------------------------

  app.use('/v1.0', (req, res, next) => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new GraphApiError(401, 'InvalidAuthenticationToken', 'Access token is empty.');
    const issued = parts.directory.lookup(match[1]!);
    if (!issued) throw new GraphApiError(401, 'InvalidAuthenticationToken', 'IDX14100: JWT is not well formed.');
    if (issued.expiresAt <= parts.now().getTime())
      throw new GraphApiError(401, 'InvalidAuthenticationToken', 'Lifetime validation failed, the token is expired.');
    res.locals.token = issued;
    next();
  });

  const requireTranscriptRole = (res: Response) => {
    if (!token(res).roles.includes(TRANSCRIPT_ROLE))
      throw forbidden(`Caller does not have the ${TRANSCRIPT_ROLE} application permission.`);
  };

  const requireAccessPolicy = (userId: string) => {
    if (parts.accessPolicyUsers && !parts.accessPolicyUsers.has(userId))
      throw forbidden('No application access policy found for this app.');
  };

  app.post('/v1.0/subscriptions', async (req, res) => {
    requireTranscriptRole(res);
    const subscription = await parts.subscriptions.create(parseJsonBody(String(req.body ?? '')), {
      tenantId: token(res).tenantId,
      applicationId: parts.directory.clientId,
      now: parts.now(),
    });
    sendJson(res, 201, subscriptionJson(subscription, parts.graphUrl()));
  });

  app.get('/v1.0/subscriptions', (_req, res) => {
    const items = parts.subscriptions.list(parts.now(), token(res).tenantId);
    sendJson(res, 200, {
      '@odata.context': `${parts.graphUrl()}/$metadata#subscriptions`,
      value: items.map((s) => subscriptionJson(s, parts.graphUrl())),
    });
  });

  const subscriptionOf = (req: Request, res: Response) => {
    const subscription = parts.subscriptions.get(String(req.params.id), token(res).tenantId, parts.now());
    if (!subscription) throw notFound();
    return subscription;
  };

  app.get('/v1.0/subscriptions/:id', (req, res) => {
    sendJson(res, 200, subscriptionJson(subscriptionOf(req, res), parts.graphUrl()));
  });

  app.patch('/v1.0/subscriptions/:id', (req, res) => {
    const subscription = subscriptionOf(req, res);
    const body = parseJsonBody(String(req.body ?? ''));
    const unknown = Object.keys(body).filter((key) => key !== 'expirationDateTime' && key !== 'notificationUrl');
    if (unknown.length > 0)
      throw badRequest(`Only expirationDateTime and notificationUrl can be updated (got ${unknown.join(', ')}).`);
    if (body.expirationDateTime !== undefined)
      subscription.expirationDateTime = parts.subscriptions.checkExpiry(
        body.expirationDateTime,
        parts.now(),
        subscription.lifecycleNotificationUrl !== null,
      );
    if (typeof body.notificationUrl === 'string') subscription.notificationUrl = body.notificationUrl;
    sendJson(res, 200, subscriptionJson(subscription, parts.graphUrl()));
  });

  app.post('/v1.0/subscriptions/:id/reauthorize', (req, res) => {
    subscriptionOf(req, res);
    res.status(204).end();
  });

  app.delete('/v1.0/subscriptions/:id', (req, res) => {
    parts.subscriptions.remove(subscriptionOf(req, res).id);
    res.status(204).end();
  });

  const page = (req: Request, res: Response, items: StandInTranscript[]) => {
    const topRaw = req.query.$top ?? req.query.top;
    const top = topRaw === undefined ? DEFAULT_PAGE : Number(topRaw);
    if (!Number.isInteger(top) || top < 1 || top > MAX_PAGE)
      throw badRequest(`Invalid page size: $top must be 1 to ${MAX_PAGE}.`);
    const skipRaw = req.query.$skiptoken ?? req.query.skipToken;
    const skip = skipRaw === undefined ? 0 : Number(Buffer.from(String(skipRaw), 'base64url').toString());
    if (!Number.isInteger(skip) || skip < 0) throw badRequest('Invalid $skiptoken.');
    const slice = items.slice(skip, skip + top);
    const origin = new URL(parts.graphUrl()).origin;
    const next = skip + top < items.length ? new URL(req.originalUrl, origin) : null;
    if (next) {
      next.searchParams.delete('skipToken');
      next.searchParams.set('$top', String(top));
      next.searchParams.set('$skiptoken', Buffer.from(String(skip + top)).toString('base64url'));
    }
    sendJson(res, 200, {
      '@odata.context': `${parts.graphUrl()}/$metadata#Collection(callTranscript)`,
      ...(next ? { '@odata.nextLink': next.toString() } : {}),
      value: slice.map((t) => ({
        '@odata.type': '#microsoft.graph.callTranscript',
        ...transcriptJson(t, parts.graphUrl()),
      })),
    });
  };

  app.get('/v1.0/users/:userId/onlineMeetings/:call', (req, res) => {
    requireTranscriptRole(res);
    const parameters = functionParameters(String(req.params.call));
    if (!parameters) throw badRequest(`Resource not found for the segment '${String(req.params.call)}'.`);
    requireAccessPolicy(String(req.params.userId));
    const filter = /MeetingOrganizer\/User\/Id\s+eq\s+'([^']+)'/i.exec(String(req.query.$filter ?? ''));
    const organizer = parameters.meetingOrganizerUserId ?? filter?.[1];
    if (!organizer)
      throw badRequest('The meetingOrganizerUserId parameter or a filter on MeetingOrganizer/User/Id is required.');
    const date = (name: string) => {
      const value = parameters[name];
      if (value === undefined) return undefined;
      if (Number.isNaN(Date.parse(value))) throw badRequest(`Invalid ${name}: '${value}'.`);
      return new Date(value);
    };
    const range = { start: date('startDateTime'), end: date('endDateTime') };
    page(req, res, parts.transcripts.ofOrganizer(token(res).tenantId, organizer, range));
  });

  const meetingOf = (req: Request, res: Response) => {
    requireTranscriptRole(res);
    const userId = String(req.params.userId);
    const meetingId = String(req.params.meetingId);
    requireAccessPolicy(userId);
    if (!parts.transcripts.meetingExists(token(res).tenantId, userId, meetingId))
      throw notFound(`The meeting '${meetingId}' was not found for organizer '${userId}'.`, 'NotFound');
    return { tenantId: token(res).tenantId, userId, meetingId };
  };

  const transcriptOf = (req: Request, res: Response) => {
    const meeting = meetingOf(req, res);
    const transcript = parts.transcripts.find(
      meeting.tenantId,
      meeting.userId,
      meeting.meetingId,
      String(req.params.transcriptId),
    );
    if (!transcript) throw notFound('The transcript was not found.', 'NotFound');
    return transcript;
  };

  app.get('/v1.0/users/:userId/onlineMeetings/:meetingId/transcripts', (req, res) => {
    const meeting = meetingOf(req, res);
    page(req, res, parts.transcripts.ofMeeting(meeting.tenantId, meeting.userId, meeting.meetingId));
  });

  app.get('/v1.0/users/:userId/onlineMeetings/:meetingId/transcripts/:transcriptId', (req, res) => {
    sendJson(res, 200, {
      '@odata.context': `${parts.graphUrl()}/$metadata#users('${String(req.params.userId)}')/onlineMeetings('${String(req.params.meetingId)}')/transcripts/$entity`,
      ...transcriptJson(transcriptOf(req, res), parts.graphUrl()),
    });
  });

  app.get('/v1.0/users/:userId/onlineMeetings/:meetingId/transcripts/:transcriptId/content', (req, res) => {
    const transcript = transcriptOf(req, res);
    const format = req.query.$format;
    if (format !== undefined && format !== 'text/vtt')
      throw badRequest(`The format '${String(format)}' is not supported; the docx format is deprecated, use text/vtt.`);
    res.status(200).set('content-type', 'text/vtt').send(Buffer.from(transcript.vtt, 'utf8'));
  });

  app.use((req: Request) => {
    throw badRequest(`Resource not found for the segment '${req.path.split('/').filter(Boolean).at(-1) ?? ''}'.`);
  });

  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (res.headersSent) return;
    const known =
      error instanceof GraphApiError
        ? error
        : typeof (error as { status?: unknown }).status === 'number' && (error as { status: number }).status < 500
          ? badRequest((error as Error).message)
          : new GraphApiError(500, 'InternalServerError', 'An internal server error occurred.');
    res.set(known.headers);
    sendJson(
      res,
      known.status,
      graphErrorBody(known.code, known.message, String(res.locals.requestId ?? ''), parts.now()),
    );
  });

  return app;
}
