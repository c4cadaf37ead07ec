import type { OpenAI } from 'openai';
import { openAiSdk } from '../openai/sdk.ts';
import type { Logger } from '../../logger.ts';
import { openAiConnection } from '../openai/client.ts';
import { MAX_AUDIO_BYTES, uploadName } from './audio-formats.ts';
import { SpeechBadAudioError, SpeechOutputError, SpeechTooLargeError } from './errors.ts';
import type { AudioInput, SpeechPort, TranscribedSegment, TranscribeOptions } from './port.ts';
import { fromProviderError } from './provider-errors.ts';
import { readTranscript, type TranscriptFormat } from './transcript-reply.ts';

export { OPENAI_API_URL } from '../openai/client.ts';
// An hour of audio fits in 25 MB, and uploading and transcribing it can take minutes.
export const DEFAULT_TIMEOUT_MS = 300_000;
// One retry of a 429, 5xx or dropped connection inside the deadline: each one uploads the whole file again.
export const DEFAULT_SDK_RETRIES = 1;

export interface OpenAiSpeechOptions {
  /** Absent: requests go without an Authorization header (local OpenAI-compatible servers that want none). */
  apiKey?: string;
  /** Any OpenAI-compatible transcription server, `/v1` included; OpenAI's own by default. */
  baseUrl?: string;
  model: string;
  /** Each call's budget, the SDK's retries included. */
  timeoutMs?: number;
  /** The SDK's retries of 408/409/429/5xx and connection failures. */
  maxRetries?: number;
  /** What to ask for; by default told from the model's name (see `transcriptFormatFor`). */
  responseFormat?: TranscriptFormat;
  logger?: Logger;
}

/**
 * The response format that gives a model's segment times: `diarized_json` (with speakers) from the diarizing
 * models, `verbose_json` from whisper-1 and the whisper-style models of compatible servers. Null for
 * gpt-4o-transcribe and gpt-4o-mini-transcribe, which answer in `json` or `text` only: text without times.
 */
export function transcriptFormatFor(model: string): TranscriptFormat | null {
  if (/diarize/i.test(model)) return 'diarized_json';
  if (/^gpt-4o(-mini)?-transcribe/i.test(model)) return null;
  return 'verbose_json';
}

/**
 * The production `SpeechPort`: the Audio API's transcriptions through the `openai` SDK. Every SDK setting that
 * would otherwise come from the environment (key, base URL, organization, project, admin key) is given
 * explicitly, so what the service was configured with is all that is used.
 */
export class OpenAiSpeech implements SpeechPort {
  readonly name: string;
  readonly #client: OpenAI;
  readonly #model: string;
  readonly #format: TranscriptFormat;
  readonly #timeoutMs: number;
  readonly #maxRetries: number;
  readonly #logger: Logger | undefined;

  constructor(options: OpenAiSpeechOptions) {
    const format = options.responseFormat ?? transcriptFormatFor(options.model);
    // A model without segment times cannot place utterances in a call: a configuration error, told at startup.
    if (!format) {
      throw new Error(
        `The speech model ${options.model} answers without timestamps; use whisper-1 or gpt-4o-transcribe-diarize`,
      );
    }
    this.#model = options.model;
    this.#format = format;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#maxRetries = options.maxRetries ?? DEFAULT_SDK_RETRIES;
    const connection = openAiConnection('speech', {
      ...options,
      timeoutMs: this.#timeoutMs,
      maxRetries: this.#maxRetries,
    });
    this.#logger = connection.logger;
    this.name = connection.name;
    this.#client = connection.client;
  }

  async transcribe(audio: AudioInput, options: TranscribeOptions = {}): Promise<TranscribedSegment[]> {
    options.signal?.throwIfAborted();
    const bytes = audio.data.length;
    // Checked here so a file the API would refuse is not uploaded first.
    if (bytes === 0) throw new SpeechBadAudioError('empty');
    if (bytes > MAX_AUDIO_BYTES) throw new SpeechTooLargeError('size', bytes, MAX_AUDIO_BYTES);
    const filename = uploadName(audio);
    if (!filename) throw new SpeechBadAudioError('unsupported-format');

    const started = performance.now();
    const deadline = AbortSignal.timeout(this.#timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
    const file = await openAiSdk().toFile(audio.data, filename, { type: audio.mimeType });
    const language = options.language ? { language: options.language } : {};
    const body: OpenAI.Audio.TranscriptionCreateParamsNonStreaming =
      this.#format === 'diarized_json'
        ? // Diarization needs a chunking strategy for audio over 30 seconds, and takes no timestamp granularities.
          { file, model: this.#model, response_format: 'diarized_json', chunking_strategy: 'auto', ...language }
        : {
            file,
            model: this.#model,
            response_format: 'verbose_json',
            timestamp_granularities: ['segment'],
            ...language,
          };

    let reply: unknown;
    try {
      reply = await this.#client.audio.transcriptions.create(body, {
        signal,
        timeout: this.#timeoutMs,
        maxRetries: this.#maxRetries,
      });
    } catch (error) {
      if (options.signal?.aborted) throw options.signal.reason;
      // A 200 whose body is not JSON fails in the SDK's parsing, from whichever realm fetch lives in.
      const failure =
        (error as Error | undefined)?.name === 'SyntaxError'
          ? new SpeechOutputError('not JSON', { cause: error })
          : fromProviderError(error, deadline.aborted, bytes);
      this.#logger?.warn({ err: failure, bytes, ms: Math.round(performance.now() - started) }, 'speech call failed');
      throw failure;
    }

    let segments: TranscribedSegment[];
    try {
      segments = readTranscript(reply, this.#format);
    } catch (error) {
      this.#logger?.warn({ err: error, bytes }, 'speech reply unusable');
      throw error;
    }
    this.#logger?.debug(
      {
        bytes,
        ms: Math.round(performance.now() - started),
        segments: segments.length,
        speakers: new Set(segments.flatMap((s) => (s.speaker === null ? [] : [s.speaker]))).size,
      },
      'speech transcribed',
    );
    return segments;
  }
}
