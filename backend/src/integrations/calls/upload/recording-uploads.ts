import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import { Id, Timestamp } from '@sdr/shared';
import { fieldErrors, HttpProblem, sendProblem } from '../../../api/problems.ts';
import { extensionOfType, MAX_AUDIO_BYTES, mimeEssence, SUPPORTED_AUDIO_TYPES } from '../../speech/audio-formats.ts';
import { SpeechBadAudioError, SpeechError, SpeechTooLargeError, SpeechUnavailableError } from '../../speech/errors.ts';
import type { SpeechPort } from '../../speech/port.ts';
import type { CallSink } from '../call-sink.ts';
import { recordingExternalId, transcribeRecording } from './transcribe-recording.ts';

export interface RecordingUploadDeps {
  /** Null when no provider is configured: every upload is then answered 503, saying what to configure. */
  speech: SpeechPort | null;
  sink: CallSink;
}

export const NO_SPEECH_PROVIDER =
  'Transcribing recordings needs a speech-to-text provider, and this service has no built-in one: set ' +
  'OPENAI_API_KEY (or OPENAI_BASE_URL for an OpenAI-compatible server) to turn it on';

const RecordingQuery = z.strictObject({
  leadId: Id.optional(),
  userId: Id.optional(),
  repSpeaker: z.string().trim().min(1).max(100).optional(),
  language: z
    .string()
    .regex(/^[a-z]{2}$/, 'an ISO-639-1 code such as en')
    .optional(),
  startedAt: Timestamp.optional(),
});

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

function tooLarge(bytes?: number): HttpProblem {
  return new HttpProblem(
    413,
    `The recording${bytes === undefined ? '' : ` (${megabytes(bytes)})`} is larger than the ${MAX_AUDIO_BYTES} ` +
      'bytes (25 MB) the speech provider takes; compress it (a lower bit rate, mono) or split it',
    [{ field: 'body', message: 'too large' }],
  );
}

function unsupportedType(given: string | undefined): HttpProblem {
  return new HttpProblem(
    415,
    `Send the recording as the request body with its audio Content-Type (${SUPPORTED_AUDIO_TYPES.join(', ')})` +
      `${given ? `; got ${given}` : ''}`,
    [{ field: 'header.content-type', message: 'not a supported audio type' }],
  );
}

/** A speech failure in HTTP terms: the audio's fault is 4xx, the provider's or its settings' is 503. */
function speechProblem(error: SpeechError, mimeType: string): HttpProblem {
  if (error instanceof SpeechTooLargeError) {
    if (error.limit === 'size') return tooLarge(error.bytes);
    return new HttpProblem(413, 'The recording is longer than the speech model takes; split it', [
      { field: 'body', message: 'too long' },
    ]);
  }
  if (error instanceof SpeechBadAudioError) {
    if (error.problem === 'unsupported-format') {
      return new HttpProblem(415, `The speech provider does not take this recording's format (${mimeType})`, [
        { field: 'header.content-type', message: 'not a supported audio type' },
      ]);
    }
    if (error.problem === 'empty')
      return new HttpProblem(400, 'The recording is empty', [{ field: 'body', message: 'empty' }]);
    return new HttpProblem(400, 'The speech provider could not decode the recording as the audio type sent', [
      { field: 'body', message: 'unreadable audio' },
    ]);
  }
  if (error instanceof SpeechUnavailableError) {
    return new HttpProblem(503, `The speech provider is unavailable (${error.reason}); try again later`);
  }
  // Refused requests and unusable replies are the settings' or the provider's doing, never the uploader's.
  return new HttpProblem(503, 'The speech provider could not transcribe the recording; the service has logged why');
}

/** The request's tenant, which the API-key check in front of this router sets. */
function tenantOf(res: Response) {
  const tenant = res.locals.tenant;
  if (!tenant) throw new Error('recordingUploads must be mounted behind the API-key check (requireTenant)');
  return tenant;
}

/**
 * `POST /v1/calls/recordings`: a recorded call, as the raw request body with its audio Content-Type (at most
 * 25 MB), transcribed and delivered as an `upload` call. Query: `leadId`, `userId` (by default the user the request
 * acts for), `repSpeaker` (the diarized label that is the rep), `language` (ISO-639-1) and `startedAt`. Answers
 * 201 with `{ callId, segments, repSpeaker, duplicate: false }`, or 200 with `duplicate: true` when the same bytes
 * were delivered before. Everything that can be checked before reading the body is: the provider, the type, the
 * query and the declared length.
 */
export function recordingUploads(deps: RecordingUploadDeps): Router {
  const router = Router();
  const audioBody = express.raw({ type: 'audio/*', limit: MAX_AUDIO_BYTES });

  router.post(
    '/v1/calls/recordings',
    (req: Request, res: Response, next: NextFunction) => {
      tenantOf(res);
      if (!deps.speech) return sendProblem(res, 503, NO_SPEECH_PROVIDER);
      const contentType = req.get('content-type');
      const audio = req.is('audio/*');
      // Null: no body at all (no length, no chunks). A declared length of 0 is as empty, whatever the type.
      const declared = Number(req.get('content-length') ?? Number.NaN);
      if (audio === null || declared === 0) {
        return sendProblem(res, 400, 'Send the recording as the request body', [{ field: 'body', message: 'empty' }]);
      }
      if (audio === false || !extensionOfType(contentType ?? '')) {
        const problem = unsupportedType(contentType);
        return sendProblem(res, problem.status, problem.message, problem.errors);
      }
      const query = RecordingQuery.safeParse(req.query);
      if (!query.success) {
        const errors = fieldErrors('query', query.error);
        return sendProblem(res, 400, errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
      }
      res.locals.recordingQuery = query.data;
      if (declared > MAX_AUDIO_BYTES) {
        const problem = tooLarge(declared);
        return sendProblem(res, problem.status, problem.message, problem.errors);
      }
      // The parser's own errors (a chunked body over the limit, a broken stream) are answered here, so the
      // route does not depend on the app's error handler knowing them.
      audioBody(req, res, (error?: unknown) => {
        if (!error) return next();
        if ((error as { type?: string }).type === 'entity.too.large') {
          const problem = tooLarge();
          return sendProblem(res, problem.status, problem.message, problem.errors);
        }
        next(error);
      });
    },
    async (req: Request, res: Response) => {
      const tenant = tenantOf(res);
      const speech = deps.speech!;
      const query = res.locals.recordingQuery as z.infer<typeof RecordingQuery>;
      const data = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      if (data.length === 0) {
        return sendProblem(res, 400, 'The recording is empty', [{ field: 'body', message: 'empty' }]);
      }
      const mimeType = mimeEssence(req.get('content-type') ?? '');

      // An uploader who leaves stops the transcription rather than paying for one nobody waits for.
      const left = new AbortController();
      res.on('close', () => {
        if (!res.writableFinished) left.abort(new Error('The uploader closed the connection'));
      });

      let result;
      try {
        result = await transcribeRecording(
          { speech, sink: deps.sink },
          {
            tenantId: tenant.tenantId,
            externalId: recordingExternalId(data),
            audio: { data, filename: `recording.${extensionOfType(mimeType)}`, mimeType },
            leadId: query.leadId ?? null,
            userId: query.userId ?? tenant.user?.id ?? null,
            ...(query.repSpeaker ? { repSpeaker: query.repSpeaker } : {}),
            ...(query.language ? { language: query.language } : {}),
            ...(query.startedAt ? { startedAt: query.startedAt } : {}),
            signal: left.signal,
          },
        );
      } catch (error) {
        if (left.signal.aborted) {
          // Nobody is left to answer; only a failure other than the abort itself is worth a line.
          if (error !== left.signal.reason)
            req.log?.warn({ err: error }, 'recording upload failed after the uploader left');
          return;
        }
        if (!(error instanceof SpeechError)) throw error;
        const problem = speechProblem(error, mimeType);
        if (problem.status >= 500) req.log?.warn({ err: error, speech: speech.name }, 'recording not transcribed');
        return sendProblem(res, problem.status, problem.message, problem.errors);
      }
      res.status(result.duplicate ? 200 : 201).json(result);
    },
  );
  return router;
}
