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
import type { FaultPlan } from './faults.ts';
import { recordRequests, type RecordedRequest } from './request-log.ts';

// Listed models share one creation stamp, as most of OpenAI's do not matter to a caller.
const MODEL_CREATED = 1_721_172_741;

export interface StandInParts {
  // The keys accepted as `Authorization: Bearer <key>`; null accepts any request, with or without a key.
  apiKeys: ReadonlySet<string> | null;
  models: readonly string[];
  faults: FaultPlan;
  log: RecordedRequest[];
  replies: { current: ReplyFunction };
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

function modelEntry(id: string) {
  return { id, object: 'model', created: MODEL_CREATED, owned_by: 'system' };
}

export function createHttpApp({ apiKeys, models, faults, log, replies }: StandInParts): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  // Bodies are read as text whatever their content type, so a malformed one is still recorded.
  app.use(express.text({ type: () => true, limit: '20mb' }));
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
    if (fault && fault.delayMs > 0 && !(await wait(fault.delayMs, res))) return;
    if (fault && fault.status !== 200) {
      res.set(fault.headers).status(fault.status);
      if (typeof fault.body === 'string') res.type('text/html').send(fault.body);
      else res.json(fault.body);
      return;
    }
    const request = parseChatRequest(body);
    if (!models.includes(request.model)) throw modelNotFound(request.model);
    const message =
      fault?.content === undefined
        ? toScripted(await replies.current(request))
        : scriptedMessage({ content: fault.content });
    res.set({ ...fault?.headers, 'openai-processing-ms': String(Date.now() - (res.locals.started as number)) });
    res.json(chatCompletion(request, message));
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
