import { randomBytes } from 'node:crypto';
import express, { type NextFunction, type Request, type Response } from 'express';
import { parseChatRequest } from './chat-request.ts';
import { chatCompletion, scriptedMessage, toScripted, type ReplyFunction } from './completions.ts';
import {
  incorrectApiKey,
  invalidRequest,
  invalidUrl,
  missingApiKey,
  modelNotFound,
  OpenAiApiError,
  serverErrorBody,
} from './error-bodies.ts';
import type { FaultPlan, ServedFault } from './faults.ts';
import { boundaryOf, type ParsedForm } from './multipart.ts';
import { recordRequests, type RecordedRequest } from './request-log.ts';
import {
  checkAudioLength,
  contentTooLargeBody,
  MAX_CONTENT_BYTES,
  parseTranscriptionRequest,
  transcriptionBody,
  type TranscriptFunction,
} from './transcriptions.ts';

// Listed models share one creation stamp, as most of OpenAI's do not matter to a caller.
const MODEL_CREATED = 1_721_172_741;

export interface StandInParts {
  // The keys accepted as `Authorization: Bearer <key>`; null accepts any request, with or without a key.
  apiKeys: ReadonlySet<string> | null;
  models: readonly string[];
  // The models `/v1/audio/transcriptions` serves (listed apart: `/v1/models` shows the chat models).
  transcriptionModels: readonly string[];
  faults: FaultPlan;
  transcriptionFaults: FaultPlan;
  log: RecordedRequest[];
  replies: { current: ReplyFunction };
  transcripts: { current: TranscriptFunction };
}

const isMultipart = (req: { headers: { 'content-type'?: string | undefined } }) =>
  /^\s*multipart\/form-data/i.test(req.headers['content-type'] ?? '');

interface BodyParserError {
  type?: string;
  length?: number;
  received?: number;
}

function authenticate(apiKeys: ReadonlySet<string> | null) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    if (apiKeys === null) return next();
    const match = /^Bearer\s+(.+)$/i.exec(req.get('authorization') ?? '');
    const key = match?.[1]?.trim();
    if (!key) throw missingApiKey();
    if (!apiKeys.has(key)) throw incorrectApiKey(key);
    next();
  };
}

// Resolves false when the client leaves before the time is up, so nothing is written to a closed socket.
function wait(ms: number, res: Response): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      res.off('close', gone);
      resolve(true);
    }, ms);
    const gone = () => {
      clearTimeout(timer);
      resolve(false);
    };
    res.once('close', gone);
  });
}

// Plays a planned fault: its delay, then its error as the API would send it. 'continue' means answer as usual (no
// fault, a delay alone, or planned content); 'gone' that the client left while it waited.
async function serveFault(fault: ServedFault | undefined, res: Response): Promise<'answered' | 'gone' | 'continue'> {
  if (!fault) return 'continue';
  if (fault.delayMs > 0 && !(await wait(fault.delayMs, res))) return 'gone';
  if (fault.status === 200) return 'continue';
  res.set(fault.headers).status(fault.status);
  if (typeof fault.body === 'string') res.type('text/html').send(fault.body);
  else res.json(fault.body);
  return 'answered';
}

function modelEntry(id: string) {
  return { id, object: 'model', created: MODEL_CREATED, owned_by: 'system' };
}

export function createHttpApp(parts: StandInParts): express.Express {
  const { apiKeys, models, transcriptionModels, faults, transcriptionFaults, log, replies, transcripts } = parts;
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  // Multipart bodies (audio uploads) are kept as bytes. One over the API's limit is drained and answered 413 once
  // the request is recorded and authenticated, as the API does.
  const multipartBody = express.raw({ type: isMultipart, limit: MAX_CONTENT_BYTES });
  app.use((req, res, next) => {
    multipartBody(req, res, (error?: unknown) => {
      if (error) res.locals.bodyError = error;
      next();
    });
  });
  // Every other body is read as text whatever its content type, so a malformed one is still recorded.
  app.use(express.text({ type: (req) => !isMultipart(req), limit: '20mb' }));
  app.use(recordRequests(log));
  app.use((req, res, next) => {
    res.set({ 'x-request-id': `req_${randomBytes(16).toString('hex')}`, 'openai-version': '2020-10-01' });
    res.locals.started = Date.now();
    next();
  });
  app.use('/v1', authenticate(apiKeys));

  app.post('/v1/chat/completions', async (_req, res) => {
    const body = res.locals.body as { model?: unknown } | undefined;
    const fault = faults.take(typeof body?.model === 'string' ? body.model : 'gpt-4o-mini');
    if ((await serveFault(fault, res)) !== 'continue') return;
    const request = parseChatRequest(body);
    if (!models.includes(request.model)) throw modelNotFound(request.model);
    const message =
      fault?.content === undefined
        ? toScripted(await replies.current(request))
        : scriptedMessage({ content: fault.content });
    res.set({ ...fault?.headers, 'openai-processing-ms': String(Date.now() - (res.locals.started as number)) });
    res.json(chatCompletion(request, message));
  });

  app.post('/v1/audio/transcriptions', async (req, res) => {
    const bodyError = res.locals.bodyError as BodyParserError | undefined;
    if (bodyError?.type === 'entity.too.large') {
      throw new OpenAiApiError(413, contentTooLargeBody(bodyError.received ?? bodyError.length ?? 0));
    }
    if (bodyError) throw invalidRequest('We could not read the body of your request.');
    const form = res.locals.form as ParsedForm | undefined;
    const fault = transcriptionFaults.take(form?.fields.model?.at(-1) ?? 'whisper-1');
    if ((await serveFault(fault, res)) !== 'continue') return;
    const contentType = req.get('content-type');
    if (!boundaryOf(contentType)) {
      throw invalidRequest(
        `Invalid Content-Type header (${contentType ?? 'none'}), expected multipart/form-data. (HINT: If you're ` +
          "using curl, you can pass -H 'Content-Type: multipart/form-data')",
      );
    }
    if (!form) throw invalidRequest('We could not parse the multipart form body of your request.');
    const request = parseTranscriptionRequest(form, transcriptionModels);
    res.set({ ...fault?.headers, 'openai-processing-ms': String(Date.now() - (res.locals.started as number)) });
    // Planned content is the whole answer, as it is: a reply that is not what the format promises.
    if (fault?.content !== undefined) {
      res.type('application/json').send(fault.content);
      return;
    }
    const transcript = await transcripts.current(request);
    checkAudioLength(request, transcript);
    const answer = transcriptionBody(request, transcript);
    if ('json' in answer) res.json(answer.json);
    else res.type('text/plain').send(answer.text);
  });

  app.get('/v1/models', (_req, res) => {
    res.json({ object: 'list', data: models.map(modelEntry) });
  });

  app.get('/v1/models/:model', (req, res) => {
    const model = String(req.params.model);
    if (!models.includes(model)) throw modelNotFound(model);
    res.json(modelEntry(model));
  });

  app.use((req: Request) => {
    throw invalidUrl(req.method, req.path);
  });

  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const known =
      error instanceof OpenAiApiError
        ? error
        : typeof (error as { status?: unknown }).status === 'number' && (error as { status: number }).status < 500
          ? invalidRequest((error as Error).message)
          : new OpenAiApiError(500, serverErrorBody(500));
    if (res.headersSent) return;
    res.set(known.headers).status(known.status).json(known.body);
  });

  return app;
}
