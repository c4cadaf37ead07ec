import { createHash } from 'node:crypto';
import { invalidType, invalidValue, missing } from './chat-request.ts';
import { errorBody, invalidRequest, modelNotFound, type OpenAiApiError, type OpenAiErrorBody } from './error-bodies.ts';
import type { ParsedForm } from './multipart.ts';

/**
 * `POST /v1/audio/transcriptions` as the API reference and speech-to-text guide describe it: a multipart form with
 * the audio in `file` and the options as text fields; `json`, `text`, `srt`, `verbose_json`, `vtt` and
 * `diarized_json` answers, each only from the models that give it.
 */

// The formats the speech-to-text guide lists; the API decides by the file name's extension.
export const AUDIO_FORMATS = ['flac', 'm4a', 'mp3', 'mp4', 'mpeg', 'mpga', 'oga', 'ogg', 'wav', 'webm'] as const;
// 25 MB, as the guide says; the API counts the whole request body against it.
export const MAX_CONTENT_BYTES = 26_214_400;

const RESPONSE_FORMATS = ['json', 'text', 'srt', 'verbose_json', 'vtt', 'diarized_json'] as const;
export type TranscriptionFormat = (typeof RESPONSE_FORMATS)[number];

const GRANULARITIES = ['word', 'segment'] as const;
// `gpt-4o-transcribe-diarize` wants a chunking strategy for anything longer, and no model of the gpt-4o family
// takes audio longer than this (the API's 400 says so).
const UNCHUNKED_DIARIZE_SECONDS = 30;
const GPT_4O_MAX_SECONDS = 1_400;

// Content types that identify a file without an extension.
const TYPE_FORMATS: Record<string, string> = {
  'audio/flac': 'flac',
  'audio/x-flac': 'flac',
  'audio/mp4': 'm4a',
  'audio/m4a': 'm4a',
  'audio/x-m4a': 'm4a',
  'audio/mpeg': 'mp3',
  'audio/mp3': 'mp3',
  'audio/mpga': 'mpga',
  'audio/ogg': 'ogg',
  'audio/wav': 'wav',
  'audio/x-wav': 'wav',
  'audio/wave': 'wav',
  'audio/webm': 'webm',
  'video/mp4': 'mp4',
  'video/webm': 'webm',
};

export interface TranscriptionFile {
  filename: string;
  contentType: string;
  size: number;
  // The bytes received, so a test can check they arrived intact.
  data: Buffer;
  sha256: string;
}

// A request that passed the checks below.
export interface TranscriptionRequest {
  model: string;
  file: TranscriptionFile;
  response_format: TranscriptionFormat;
  language?: string;
  prompt?: string;
  temperature?: number;
  timestamp_granularities?: ('word' | 'segment')[];
  chunking_strategy?: 'auto' | { type: 'server_vad'; [key: string]: string };
  // Every text field as sent.
  fields: Record<string, string[]>;
}

export interface ScriptedSegment {
  // Seconds from the start of the audio.
  start: number;
  end: number;
  text: string;
  // The diarized speaker label, as the API gives it (`A`, `B`… or a known speaker's name); `A` when absent.
  speaker?: string;
}

/** What the "model" heard. `duration` defaults to the last segment's end. */
export interface ScriptedTranscript {
  segments: ScriptedSegment[];
  // ISO-639-1; the request's `language`, else `en`.
  language?: string;
  duration?: number;
}

export type TranscriptFunction = (request: TranscriptionRequest) => ScriptedTranscript | Promise<ScriptedTranscript>;

export const defaultTranscript: TranscriptFunction = () => ({
  segments: [
    { start: 0, end: 2.4, text: 'Hi, this is Sam calling from the stand-in.', speaker: 'A' },
    { start: 2.6, end: 5.2, text: 'Hello Sam, what can I do for you?', speaker: 'B' },
  ],
});

type Family = 'whisper' | 'gpt-4o' | 'diarize';

// What a model offers, by its name: compatible servers' own models (faster-whisper, vLLM) answer as whisper-1 does.
function familyOf(model: string): Family {
  if (/diarize/i.test(model)) return 'diarize';
  if (/^gpt-4o(-mini)?-transcribe/i.test(model)) return 'gpt-4o';
  return 'whisper';
}

const FORMATS_BY_FAMILY: Record<Family, readonly TranscriptionFormat[]> = {
  whisper: ['json', 'text', 'srt', 'verbose_json', 'vtt'],
  'gpt-4o': ['json', 'text'],
  diarize: ['json', 'text', 'diarized_json'],
};

/** The API's answer to audio it cannot decode; a transcript function may throw it. */
export function audioCorrupted(): OpenAiApiError {
  return invalidRequest('Audio file might be corrupted or unsupported', 'file', 'invalid_value');
}

export function contentTooLargeBody(received: number): OpenAiErrorBody {
  return errorBody(
    `Maximum content size limit (${MAX_CONTENT_BYTES}) exceeded (${received} bytes read)`,
    'server_error',
  );
}

function invalidFileFormat(): OpenAiApiError {
  const listed = AUDIO_FORMATS.map((format) => `'${format}'`).join(', ');
  return invalidRequest(`Invalid file format. Supported formats: [${listed}]`);
}

function unsupported(message: string, param: string): OpenAiApiError {
  return invalidRequest(message, param, 'unsupported_value');
}

function formatOf(file: { filename: string; contentType: string }): string | undefined {
  const dot = file.filename.lastIndexOf('.');
  if (dot > 0) return file.filename.slice(dot + 1).toLowerCase();
  return TYPE_FORMATS[file.contentType.split(';')[0]!.trim().toLowerCase()];
}

const one = (form: ParsedForm, name: string): string | undefined => form.fields[name]?.at(-1);

/** Checks a transcription form the way the API does, throwing the API's error for the first problem. */
export function parseTranscriptionRequest(form: ParsedForm, models: readonly string[]): TranscriptionRequest {
  const model = one(form, 'model');
  if (!model) throw invalidRequest('you must provide a model parameter');
  const upload = form.files.find((file) => file.field === 'file');
  if (!upload) throw missing('file');
  if (!models.includes(model)) throw modelNotFound(model);
  const format = formatOf(upload);
  if (format === undefined || !(AUDIO_FORMATS as readonly string[]).includes(format)) throw invalidFileFormat();
  if (upload.data.length === 0) throw audioCorrupted();
  const family = familyOf(model);

  const responseFormat = one(form, 'response_format') ?? 'json';
  if (!(RESPONSE_FORMATS as readonly string[]).includes(responseFormat)) {
    throw invalidValue('response_format', responseFormat, RESPONSE_FORMATS);
  }
  const offered = FORMATS_BY_FAMILY[family];
  if (!offered.includes(responseFormat as TranscriptionFormat)) {
    const listed = offered.map((f) => `'${f}'`);
    throw unsupported(
      `response_format '${responseFormat}' is not compatible with model '${model}'. Use ` +
        `${listed.slice(0, -1).join(', ')} or ${listed.at(-1)} instead.`,
      'response_format',
    );
  }

  const request: TranscriptionRequest = {
    model,
    file: {
      filename: upload.filename,
      contentType: upload.contentType,
      size: upload.data.length,
      data: upload.data,
      sha256: createHash('sha256').update(upload.data).digest('hex'),
    },
    response_format: responseFormat as TranscriptionFormat,
    fields: form.fields,
  };

  const granularities = [
    ...(form.fields['timestamp_granularities[]'] ?? []),
    ...(form.fields.timestamp_granularities ?? []),
  ];
  if (granularities.length > 0) {
    for (const [index, value] of granularities.entries()) {
      if (!(GRANULARITIES as readonly string[]).includes(value)) {
        throw invalidValue(`timestamp_granularities[${index}]`, value, GRANULARITIES);
      }
    }
    if (family === 'diarize') {
      throw unsupported(`timestamp_granularities is not supported with model '${model}'.`, 'timestamp_granularities');
    }
    // Segment timestamps asked of another format are ignored; word timestamps are refused.
    if (granularities.includes('word') && responseFormat !== 'verbose_json') {
      throw invalidRequest(
        "timestamp_granularities['word'] is only supported with response_format 'verbose_json'.",
        'timestamp_granularities',
        'unsupported_value',
      );
    }
    request.timestamp_granularities = granularities as ('word' | 'segment')[];
  }

  const prompt = one(form, 'prompt');
  if (prompt !== undefined) {
    if (family === 'diarize') throw unsupported(`prompt is not supported with model '${model}'.`, 'prompt');
    request.prompt = prompt;
  }

  const language = one(form, 'language');
  if (language !== undefined) {
    if (!/^[a-z]{2}$/.test(language)) {
      throw invalidRequest(
        `Invalid language '${language}'. Language parameter must be specified in ISO-639-1 format.`,
        'language',
        'invalid_value',
      );
    }
    request.language = language;
  }

  const temperature = one(form, 'temperature');
  if (temperature !== undefined) {
    const value = Number(temperature);
    if (temperature.trim() === '' || !Number.isFinite(value))
      throw invalidType('temperature', 'a decimal', temperature);
    if (value < 0 || value > 1) {
      throw invalidRequest(
        `Invalid 'temperature': decimal ${value < 0 ? 'below minimum' : 'above maximum'} value. Expected a value ` +
          `${value < 0 ? '>= 0' : '<= 1'}, but got ${value} instead.`,
        'temperature',
        value < 0 ? 'decimal_below_min_value' : 'decimal_above_max_value',
      );
    }
    request.temperature = value;
  }

  if (one(form, 'stream') === 'true') {
    throw invalidRequest('The stand-in does not serve streamed transcriptions.', 'stream', 'unsupported_value');
  }

  const chunking = one(form, 'chunking_strategy');
  const vadType = one(form, 'chunking_strategy[type]');
  if (chunking !== undefined) {
    if (chunking !== 'auto') throw invalidValue('chunking_strategy', chunking, ['auto']);
    request.chunking_strategy = 'auto';
  } else if (vadType !== undefined) {
    if (vadType !== 'server_vad') throw invalidValue('chunking_strategy.type', vadType, ['server_vad']);
    const vad = Object.entries(form.fields)
      .filter(([key]) => key.startsWith('chunking_strategy['))
      .map(([key, values]) => [key.slice('chunking_strategy['.length, -1), values.at(-1)!]);
    request.chunking_strategy = Object.fromEntries(vad) as { type: 'server_vad' };
  }
  return request;
}

const durationOf = (transcript: ScriptedTranscript) =>
  transcript.duration ?? transcript.segments.reduce((max, segment) => Math.max(max, segment.end), 0);

/** The checks that depend on what the audio holds: how long it runs. */
export function checkAudioLength(request: TranscriptionRequest, transcript: ScriptedTranscript): void {
  const duration = durationOf(transcript);
  const family = familyOf(request.model);
  if (family !== 'whisper' && duration > GPT_4O_MAX_SECONDS) {
    throw invalidRequest(
      `audio duration ${duration} seconds is longer than ${GPT_4O_MAX_SECONDS} seconds which is the maximum for ` +
        'this model',
      null,
      'invalid_value',
    );
  }
  if (family === 'diarize' && duration > UNCHUNKED_DIARIZE_SECONDS && request.chunking_strategy === undefined) {
    throw invalidRequest(
      `chunking_strategy is required for model '${request.model}' when the audio is longer than ` +
        `${UNCHUNKED_DIARIZE_SECONDS} seconds.`,
      'chunking_strategy',
      'missing_required_parameter',
    );
  }
}

// verbose_json names the language in English words, not its code.
const LANGUAGE_NAMES: Record<string, string> = {
  en: 'english',
  de: 'german',
  fr: 'french',
  es: 'spanish',
  it: 'italian',
  nl: 'dutch',
  pt: 'portuguese',
  sv: 'swedish',
  pl: 'polish',
  ja: 'japanese',
};

// Roughly four characters a token, as for chat completions; whisper's token ids are not reproduced.
const tokenCount = (text: string) => Math.max(1, Math.ceil(text.length / 4));

function timestamp(seconds: number, separator: ',' | '.'): string {
  const ms = Math.round(seconds * 1000);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const [hours, minutes, secs] = [Math.floor(ms / 3_600_000), Math.floor(ms / 60_000) % 60, Math.floor(ms / 1000) % 60];
  return `${pad(hours)}:${pad(minutes)}:${pad(secs)}${separator}${pad(ms % 1000, 3)}`;
}

function wordsOf(segment: ScriptedSegment) {
  const words = segment.text.trim().split(/\s+/).filter(Boolean);
  const step = words.length > 0 ? (segment.end - segment.start) / words.length : 0;
  return words.map((word, index) => ({
    word,
    start: Number((segment.start + step * index).toFixed(3)),
    end: Number((segment.start + step * (index + 1)).toFixed(3)),
  }));
}

/** The answer's body and content type, in the request's response format. */
export function transcriptionBody(
  request: TranscriptionRequest,
  transcript: ScriptedTranscript,
): { json: unknown } | { text: string } {
  const segments = transcript.segments;
  const text = segments
    .map((segment) => segment.text.trim())
    .filter(Boolean)
    .join(' ');
  const duration = durationOf(transcript);
  const family = familyOf(request.model);
  const usage =
    family === 'whisper'
      ? { type: 'duration', seconds: Math.ceil(duration) }
      : {
          type: 'tokens',
          input_tokens: Math.ceil(duration * 10),
          output_tokens: tokenCount(text),
          total_tokens: Math.ceil(duration * 10) + tokenCount(text),
          input_token_details: { audio_tokens: Math.ceil(duration * 10), text_tokens: 0 },
        };
  const language = transcript.language ?? request.language ?? 'en';

  switch (request.response_format) {
    case 'text':
      return { text: `${text}\n` };
    case 'srt':
      return {
        text: segments
          .map((s, i) => `${i + 1}\n${timestamp(s.start, ',')} --> ${timestamp(s.end, ',')}\n${s.text.trim()}\n`)
          .join('\n'),
      };
    case 'vtt': {
      const cues = segments.map((s) => `${timestamp(s.start, '.')} --> ${timestamp(s.end, '.')}\n${s.text.trim()}\n`);
      return { text: `WEBVTT\n\n${cues.join('\n')}` };
    }
    case 'verbose_json': {
      const granularities = request.timestamp_granularities ?? ['segment'];
      let seek = 0;
      return {
        json: {
          task: 'transcribe',
          language: LANGUAGE_NAMES[language] ?? language,
          duration,
          text,
          ...(granularities.includes('word') ? { words: segments.flatMap(wordsOf) } : {}),
          ...(granularities.includes('segment')
            ? {
                segments: segments.map((segment, id) => {
                  const tokens = Array.from({ length: tokenCount(segment.text) }, (_, i) => 50_364 + id * 100 + i);
                  const entry = {
                    id,
                    seek,
                    start: segment.start,
                    end: segment.end,
                    // Whisper's segment texts keep the space that separated them from the previous one.
                    text: ` ${segment.text.trim()}`,
                    tokens,
                    temperature: request.temperature ?? 0,
                    avg_logprob: -0.25,
                    compression_ratio: 1.2,
                    no_speech_prob: 0.01,
                  };
                  seek += Math.round((segment.end - segment.start) * 100);
                  return entry;
                }),
              }
            : {}),
          usage,
        },
      };
    }
    case 'diarized_json':
      return {
        json: {
          task: 'transcribe',
          duration,
          text,
          segments: segments.map((segment, index) => ({
            type: 'transcript.text.segment',
            id: `seg_${index}`,
            start: segment.start,
            end: segment.end,
            text: segment.text.trim(),
            speaker: segment.speaker ?? 'A',
          })),
          usage,
        },
      };
    case 'json':
      return { json: { text, usage } };
  }
}
