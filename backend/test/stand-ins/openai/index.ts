/**
 * A local OpenAI API that the unmodified `openai` SDK talks to over HTTP:
 * `new OpenAI({ apiKey: standIn.apiKey, baseURL: standIn.url })`.
 *
 * Served: `POST /v1/chat/completions` (not streamed), `POST /v1/audio/transcriptions` (not streamed) and
 * `GET /v1/models[/{model}]`. Requests are authenticated with `Authorization: Bearer <key>` and checked as the API
 * checks them (model, messages and their roles and content, `response_format` including the strict Structured
 * Outputs subset, numeric ranges; for transcriptions the multipart form, the file's format by its extension, the
 * response format each model offers, timestamp granularities, language, chunking for diarization, the 25 MB
 * limit); failures answer with the API's status and `{ error: { message, type, param, code } }` body. An unknown
 * model is 404 `model_not_found`.
 *
 * Tests read every request received in `requests` (parsed body or form included), choose the answer with `reply`
 * (by default the smallest JSON value satisfying the request's schema) and `transcript` (segments with times in
 * seconds and speakers, rendered in whatever format was asked), and plan failures with `failNext` and
 * `failNextTranscription`: 429 with `retry-after`, 5xx, slow answers and content that is not what was asked for.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChatRequest } from './chat-request.ts';
import { defaultReply, type ReplyFunction } from './completions.ts';
import { FaultPlan, type Fault } from './faults.ts';
import { createHttpApp } from './http-app.ts';
import type { RecordedRequest } from './request-log.ts';
import {
  defaultTranscript,
  parseTranscriptionRequest,
  type TranscriptFunction,
  type TranscriptionRequest,
} from './transcriptions.ts';

export type { ChatMessage, ChatRequest, ContentPart, ResponseFormat } from './chat-request.ts';
export { refusal, scriptedMessage } from './completions.ts';
export type { FinishReason, ReplyFunction, ReplyValue, ScriptedMessage } from './completions.ts';
export type { Fault } from './faults.ts';
export type { RecordedRequest } from './request-log.ts';
export type { FormFile, ParsedForm } from './multipart.ts';
export { minimalInstance } from './schema-instance.ts';
export { AUDIO_FORMATS, audioCorrupted, MAX_CONTENT_BYTES } from './transcriptions.ts';
export type {
  ScriptedSegment,
  ScriptedTranscript,
  TranscriptFunction,
  TranscriptionFile,
  TranscriptionFormat,
  TranscriptionRequest,
} from './transcriptions.ts';

export const DEFAULT_MODELS = ['gpt-4o-mini', 'gpt-4o', 'gpt-4.1-mini', 'gpt-4.1'] as const;
export const DEFAULT_TRANSCRIPTION_MODELS = [
  'whisper-1',
  'gpt-4o-transcribe',
  'gpt-4o-mini-transcribe',
  'gpt-4o-transcribe-diarize',
] as const;

export interface OpenAiStandInOptions {
  // The key the stand-in accepts; a fresh `sk-standin-…` by default.
  apiKey?: string;
  // False serves without authentication, as local OpenAI-compatible servers often do.
  requireAuth?: boolean;
  models?: readonly string[];
  transcriptionModels?: readonly string[];
}

export interface OpenAiStandIn {
  // The base URL to give the SDK, `/v1` included.
  readonly url: string;
  readonly apiKey: string;
  // Every request received, in arrival order, failures included.
  readonly requests: readonly RecordedRequest[];
  // The bodies of the chat completion requests that were answered with a completion.
  completionRequests(): ChatRequest[];
  // Sets how chat completions are answered; no argument restores the default.
  reply(fn?: ReplyFunction): void;
  // The transcription requests that were answered with a transcript.
  transcriptionRequests(): TranscriptionRequest[];
  // Sets what transcriptions hear; no argument restores the default (two speakers, five seconds). The function may
  // throw an `OpenAiApiError` (`audioCorrupted()`) to refuse the audio as the API would.
  transcript(fn?: TranscriptFunction): void;
  // Plans a failure of chat completions.
  failNext(fault: Fault): void;
  // Plans a failure of transcriptions; `content` is then the whole 200 body, sent as it is.
  failNextTranscription(fault: Fault): void;
  clearFaults(): void;
  clearRequests(): void;
  close(): Promise<void>;
}

export async function startOpenAiStandIn(options: OpenAiStandInOptions = {}): Promise<OpenAiStandIn> {
  const apiKey = options.apiKey ?? `sk-standin-${randomBytes(24).toString('base64url')}`;
  const log: RecordedRequest[] = [];
  const faults = new FaultPlan();
  const transcriptionFaults = new FaultPlan();
  const replies = { current: defaultReply };
  const transcripts = { current: defaultTranscript };
  const transcriptionModels = options.transcriptionModels ?? DEFAULT_TRANSCRIPTION_MODELS;
  const server = createServer(
    createHttpApp({
      apiKeys: options.requireAuth === false ? null : new Set([apiKey]),
      models: options.models ?? DEFAULT_MODELS,
      transcriptionModels,
      faults,
      transcriptionFaults,
      log,
      replies,
      transcripts,
    }),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    apiKey,
    requests: log,
    completionRequests: () =>
      log
        .filter((r) => r.method === 'POST' && r.path === '/v1/chat/completions' && r.status === 200)
        .map((r) => r.body as ChatRequest),
    reply: (fn) => {
      replies.current = fn ?? defaultReply;
    },
    transcriptionRequests: () =>
      log
        .filter((r) => r.method === 'POST' && r.path === '/v1/audio/transcriptions' && r.status === 200 && r.form)
        .map((r) => parseTranscriptionRequest(r.form!, transcriptionModels)),
    transcript: (fn) => {
      transcripts.current = fn ?? defaultTranscript;
    },
    failNext: (fault) => faults.failNext(fault),
    failNextTranscription: (fault) => transcriptionFaults.failNext(fault),
    clearFaults: () => {
      faults.clear();
      transcriptionFaults.clear();
    },
    clearRequests: () => {
      log.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
