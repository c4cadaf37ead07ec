import { createHash } from 'node:crypto';
import OpenAI, {
  APIConnectionError,
  BadRequestError,
  InternalServerError,
  NotFoundError,
  RateLimitError,
  toFile,
} from 'openai';
import { audioCorrupted, MAX_CONTENT_BYTES, startOpenAiStandIn, type OpenAiStandIn } from './index.ts';

let standIn: OpenAiStandIn;
let client: OpenAI;

beforeEach(async () => {
  standIn = await startOpenAiStandIn();
  client = new OpenAI({ apiKey: standIn.apiKey, baseURL: standIn.url, maxRetries: 0, logLevel: 'off' });
});

afterEach(async () => {
  await standIn.close();
});

// Bytes that stand for audio: the stand-in does not decode them, only checks they arrive whole.
const AUDIO = Buffer.concat([
  Buffer.from('RIFF\u0000\u0000\u0000\u0000WAVEfmt '),
  Buffer.from([0, 13, 10, 45, 45, 255]),
]);
const audio = (name = 'call.wav', data: Buffer = AUDIO, type = 'audio/wav') => toFile(data, name, { type });

async function failureOf(call: Promise<unknown>): Promise<InstanceType<typeof OpenAI.APIError>> {
  try {
    await call;
  } catch (error) {
    if (error instanceof OpenAI.APIError) return error;
    throw error;
  }
  throw new Error('The call succeeded');
}

const SCRIPT = {
  segments: [
    { start: 0, end: 1.5, text: 'Hi, this is Alex from Fleetly.', speaker: 'A' },
    { start: 1.75, end: 4.125, text: '  Oh hello, we were just talking about you. ', speaker: 'B' },
  ],
  duration: 4.5,
};

describe('OpenAI stand-in: transcriptions', () => {
  it('answers whisper-1 verbose_json in the documented shape, the file received whole', async () => {
    standIn.transcript(() => SCRIPT);

    const transcription = await client.audio.transcriptions.create({
      file: await audio(),
      model: 'whisper-1',
      response_format: 'verbose_json',
      timestamp_granularities: ['segment'],
    });

    expect(transcription).toEqual({
      task: 'transcribe',
      language: 'english',
      duration: 4.5,
      text: 'Hi, this is Alex from Fleetly. Oh hello, we were just talking about you.',
      segments: [
        {
          id: 0,
          seek: 0,
          start: 0,
          end: 1.5,
          text: ' Hi, this is Alex from Fleetly.',
          tokens: expect.any(Array),
          temperature: 0,
          avg_logprob: expect.any(Number),
          compression_ratio: expect.any(Number),
          no_speech_prob: expect.any(Number),
        },
        expect.objectContaining({ id: 1, start: 1.75, end: 4.125, text: ' Oh hello, we were just talking about you.' }),
      ],
      usage: { type: 'duration', seconds: 5 },
    });
    const [request] = standIn.transcriptionRequests();
    expect(request).toMatchObject({
      model: 'whisper-1',
      response_format: 'verbose_json',
      timestamp_granularities: ['segment'],
      file: { filename: 'call.wav', contentType: 'audio/wav', size: AUDIO.length },
    });
    expect(request!.file.data.equals(AUDIO)).toBe(true);
    expect(request!.file.sha256).toBe(createHash('sha256').update(AUDIO).digest('hex'));
    expect(standIn.requests[0]!.headers.authorization).toBe(`Bearer ${standIn.apiKey}`);
  });

  it('gives words for the word granularity, and segments only when asked or by default', async () => {
    standIn.transcript(() => SCRIPT);
    const file = await audio();

    const words = await client.audio.transcriptions.create({
      file,
      model: 'whisper-1',
      response_format: 'verbose_json',
      timestamp_granularities: ['word'],
    });
    const plain = await client.audio.transcriptions.create({
      file,
      model: 'whisper-1',
      response_format: 'verbose_json',
    });

    expect(words.segments).toBeUndefined();
    expect(words.words!.slice(0, 2)).toEqual([
      { word: 'Hi,', start: 0, end: expect.any(Number) },
      { word: 'this', start: expect.any(Number), end: expect.any(Number) },
    ]);
    expect(plain.segments).toHaveLength(2);
    expect(plain.words).toBeUndefined();
  });

  it('answers gpt-4o-transcribe-diarize diarized_json with speaker labels', async () => {
    standIn.transcript(() => ({ segments: [...SCRIPT.segments, { start: 4.2, end: 5, text: 'Great.' }] }));

    const reply = (await client.audio.transcriptions.create({
      file: await audio(),
      model: 'gpt-4o-transcribe-diarize',
      response_format: 'diarized_json',
      chunking_strategy: 'auto',
    })) as unknown as OpenAI.Audio.TranscriptionDiarized;

    expect(reply).toEqual({
      task: 'transcribe',
      duration: 5,
      text: 'Hi, this is Alex from Fleetly. Oh hello, we were just talking about you. Great.',
      segments: [
        {
          type: 'transcript.text.segment',
          id: 'seg_0',
          start: 0,
          end: 1.5,
          text: 'Hi, this is Alex from Fleetly.',
          speaker: 'A',
        },
        {
          type: 'transcript.text.segment',
          id: 'seg_1',
          start: 1.75,
          end: 4.125,
          text: 'Oh hello, we were just talking about you.',
          speaker: 'B',
        },
        { type: 'transcript.text.segment', id: 'seg_2', start: 4.2, end: 5, text: 'Great.', speaker: 'A' },
      ],
      usage: expect.objectContaining({ type: 'tokens', input_tokens: expect.any(Number) }),
    });
    expect(standIn.transcriptionRequests()[0]!.chunking_strategy).toBe('auto');
  });

  it('answers json, text, srt and vtt', async () => {
    standIn.transcript(() => SCRIPT);
    const file = await audio();
    const ask = (response_format: 'json' | 'text' | 'srt' | 'vtt') =>
      client.audio.transcriptions.create({ file, model: 'whisper-1', response_format }) as Promise<unknown>;

    expect(await ask('json')).toEqual({
      text: 'Hi, this is Alex from Fleetly. Oh hello, we were just talking about you.',
      usage: { type: 'duration', seconds: 5 },
    });
    expect(await ask('text')).toBe('Hi, this is Alex from Fleetly. Oh hello, we were just talking about you.\n');
    expect(await ask('srt')).toBe(
      '1\n00:00:00,000 --> 00:00:01,500\nHi, this is Alex from Fleetly.\n\n' +
        '2\n00:00:01,750 --> 00:00:04,125\nOh hello, we were just talking about you.\n',
    );
    expect(await ask('vtt')).toMatch(/^WEBVTT\n\n00:00:00\.000 --> 00:00:01\.500\nHi, this is Alex/);
  });

  it('passes the checked request to the transcript function', async () => {
    const seen: unknown[] = [];
    standIn.transcript((request) => {
      seen.push({ language: request.language, prompt: request.prompt, temperature: request.temperature });
      return { segments: [{ start: 0, end: 1, text: 'Hallo.' }] };
    });

    const reply = await client.audio.transcriptions.create({
      file: await audio(),
      model: 'whisper-1',
      response_format: 'verbose_json',
      language: 'de',
      prompt: 'Fleetly, Trakwell',
      temperature: 0.2,
    });

    expect(seen).toEqual([{ language: 'de', prompt: 'Fleetly, Trakwell', temperature: 0.2 }]);
    expect(reply.language).toBe('german');
  });

  it('restores the default transcript when transcript() is called without a function', async () => {
    standIn.transcript(() => ({ segments: [] }));
    standIn.transcript();

    const reply = await client.audio.transcriptions.create({
      file: await audio(),
      model: 'whisper-1',
      response_format: 'verbose_json',
    });

    expect(reply.segments).toHaveLength(2);
  });
});

describe('OpenAI stand-in: transcription request validation', () => {
  const badRequest = async (call: Promise<unknown>) => {
    const error = await failureOf(call);
    expect(error).toBeInstanceOf(BadRequestError);
    return { ...(error.error as { message: string }), param: error.param, code: error.code, type: error.type };
  };

  it('requires a model and a file', async () => {
    const withoutFile = new FormData();
    withoutFile.append('model', 'whisper-1');
    const response = await fetch(`${standIn.url}/audio/transcriptions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${standIn.apiKey}` },
      body: withoutFile,
    });

    expect(await badRequest(client.audio.transcriptions.create({ file: await audio() } as never))).toMatchObject({
      message: 'you must provide a model parameter',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: {
        message: "Missing required parameter: 'file'.",
        type: 'invalid_request_error',
        param: 'file',
        code: 'missing_required_parameter',
      },
    });
  });

  it('refuses a file whose name tells no supported format, in the API’s words', async () => {
    expect(
      await badRequest(client.audio.transcriptions.create({ file: await audio('notes.txt'), model: 'whisper-1' })),
    ).toEqual({
      message:
        "Invalid file format. Supported formats: ['flac', 'm4a', 'mp3', 'mp4', 'mpeg', 'mpga', 'oga', 'ogg', 'wav', " +
        "'webm']",
      type: 'invalid_request_error',
      param: null,
      code: null,
    });
    // Without an extension, the content type decides.
    const typed = await client.audio.transcriptions.create({
      file: await audio('recording', AUDIO, 'audio/mpeg'),
      model: 'whisper-1',
    });
    expect(typed.text).toContain('stand-in');
  });

  it('refuses an empty file, or one the transcript function calls corrupt, as undecodable', async () => {
    const empty = await badRequest(
      client.audio.transcriptions.create({ file: await audio('call.wav', Buffer.alloc(0)), model: 'whisper-1' }),
    );
    standIn.transcript(() => {
      throw audioCorrupted();
    });
    const corrupt = await badRequest(client.audio.transcriptions.create({ file: await audio(), model: 'whisper-1' }));

    const expected = { message: 'Audio file might be corrupted or unsupported', param: 'file', code: 'invalid_value' };
    expect(empty).toMatchObject(expected);
    expect(corrupt).toMatchObject(expected);
  });

  it('answers an unknown model with 404 model_not_found', async () => {
    const error = await failureOf(client.audio.transcriptions.create({ file: await audio(), model: 'whisper-9' }));

    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, code: 'model_not_found' });
  });

  it('holds each model to the response formats it offers', async () => {
    const file = await audio();

    expect(
      await badRequest(
        client.audio.transcriptions.create({ file, model: 'whisper-1', response_format: 'xml' as never }),
      ),
    ).toMatchObject({ param: 'response_format', code: 'invalid_value' });
    expect(
      await badRequest(
        client.audio.transcriptions.create({ file, model: 'gpt-4o-transcribe', response_format: 'verbose_json' }),
      ),
    ).toMatchObject({
      message:
        "response_format 'verbose_json' is not compatible with model 'gpt-4o-transcribe'. Use 'json' or 'text' instead.",
      param: 'response_format',
      code: 'unsupported_value',
    });
    expect(
      await badRequest(
        client.audio.transcriptions.create({ file, model: 'whisper-1', response_format: 'diarized_json' as never }),
      ),
    ).toMatchObject({ param: 'response_format', code: 'unsupported_value' });
    expect(
      await badRequest(
        client.audio.transcriptions.create({
          file,
          model: 'gpt-4o-transcribe-diarize',
          response_format: 'verbose_json',
        }),
      ),
    ).toMatchObject({ param: 'response_format' });
  });

  it('checks timestamp granularities, prompts, language and temperature', async () => {
    const file = await audio();
    const ask = (body: Record<string, unknown>) =>
      badRequest(client.audio.transcriptions.create({ file, model: 'whisper-1', ...body } as never));

    expect(await ask({ response_format: 'json', timestamp_granularities: ['word'] })).toMatchObject({
      param: 'timestamp_granularities',
    });
    expect(await ask({ response_format: 'verbose_json', timestamp_granularities: ['sentence'] })).toMatchObject({
      param: 'timestamp_granularities[0]',
      code: 'invalid_value',
    });
    expect(await ask({ language: 'english' })).toMatchObject({
      message: "Invalid language 'english'. Language parameter must be specified in ISO-639-1 format.",
      param: 'language',
    });
    expect(await ask({ temperature: 1.5 })).toMatchObject({ param: 'temperature', code: 'decimal_above_max_value' });
    expect(
      await badRequest(
        client.audio.transcriptions.create({
          file,
          model: 'gpt-4o-transcribe-diarize',
          response_format: 'diarized_json',
          timestamp_granularities: ['segment'],
        }),
      ),
    ).toMatchObject({ param: 'timestamp_granularities' });
    expect(
      await badRequest(
        client.audio.transcriptions.create({
          file,
          model: 'gpt-4o-transcribe-diarize',
          response_format: 'diarized_json',
          prompt: 'Fleetly',
        }),
      ),
    ).toMatchObject({ param: 'prompt' });
  });

  it('wants a chunking strategy for diarizing audio over 30 seconds, and refuses audio over 1400', async () => {
    const file = await audio();
    const diarize = (extra: Record<string, unknown>) =>
      client.audio.transcriptions.create({
        file,
        model: 'gpt-4o-transcribe-diarize',
        response_format: 'diarized_json',
        ...extra,
      } as never) as Promise<unknown>;
    standIn.transcript(() => ({ segments: [{ start: 0, end: 45, text: 'A long monologue.' }] }));

    expect(await badRequest(diarize({}))).toMatchObject({ param: 'chunking_strategy' });
    expect(await diarize({ chunking_strategy: 'auto' })).toMatchObject({ duration: 45 });
    expect(await diarize({ chunking_strategy: { type: 'server_vad', threshold: 0.6 } })).toMatchObject({
      duration: 45,
    });
    expect(standIn.transcriptionRequests().map((r) => r.chunking_strategy)).toEqual([
      'auto',
      { type: 'server_vad', threshold: '0.6' },
    ]);

    standIn.transcript(() => ({ segments: [{ start: 0, end: 1500, text: 'Too long.' }] }));
    expect(await badRequest(diarize({ chunking_strategy: 'auto' }))).toMatchObject({
      message: 'audio duration 1500 seconds is longer than 1400 seconds which is the maximum for this model',
      code: 'invalid_value',
    });
  });

  it('wants a multipart body', async () => {
    const response = await fetch(`${standIn.url}/audio/transcriptions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${standIn.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'whisper-1' }),
    });

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { message: expect.stringContaining('expected multipart/form-data'), type: 'invalid_request_error' },
    });
  });

  it('answers a body over 25 MB with 413, as the API words it', async () => {
    const form = new FormData();
    form.append('model', 'whisper-1');
    form.append('file', new Blob([Buffer.alloc(MAX_CONTENT_BYTES)], { type: 'audio/wav' }), 'big.wav');

    const response = await fetch(`${standIn.url}/audio/transcriptions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${standIn.apiKey}` },
      body: form,
    });

    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      error: {
        message: expect.stringMatching(/^Maximum content size limit \(26214400\) exceeded \(\d+ bytes read\)$/),
        type: 'server_error',
        param: null,
        code: null,
      },
    });
    expect(standIn.requests[0]).toMatchObject({ path: '/v1/audio/transcriptions', status: 413, form: undefined });
  });

  it('wants the API key like every route', async () => {
    const wrong = new OpenAI({ apiKey: 'sk-wrong-key-1234', baseURL: standIn.url, maxRetries: 0, logLevel: 'off' });

    const error = await failureOf(wrong.audio.transcriptions.create({ file: await audio(), model: 'whisper-1' }));

    expect(error).toMatchObject({ status: 401, code: 'invalid_api_key' });
  });
});

describe('OpenAI stand-in: planned transcription failures', () => {
  const transcribe = (c: OpenAI = client) =>
    audio().then((file) =>
      c.audio.transcriptions.create({ file, model: 'whisper-1', response_format: 'verbose_json' }),
    );

  it('answers 429 with retry-after, and 5xx, then serves normally', async () => {
    standIn.failNextTranscription({ status: 429, retryAfterSeconds: 3 });
    standIn.failNextTranscription({ status: 503 });

    const limited = (await failureOf(transcribe())) as RateLimitError;
    const overloaded = await failureOf(transcribe());
    const served = await transcribe();

    expect(limited).toBeInstanceOf(RateLimitError);
    expect(limited.headers.get('retry-after')).toBe('3');
    expect(limited.message).toContain('Rate limit reached for whisper-1');
    expect(overloaded).toBeInstanceOf(InternalServerError);
    expect(served.segments).toHaveLength(2);
    expect(standIn.requests.map((r) => r.status)).toEqual([429, 503, 200]);
  });

  it('repeats a failure `times` times, which the SDK’s retries meet, re-sending the whole file', async () => {
    standIn.failNextTranscription({ status: 500, times: 2 });
    const retrying = new OpenAI({ apiKey: standIn.apiKey, baseURL: standIn.url, maxRetries: 2, logLevel: 'off' });

    const served = await transcribe(retrying);

    expect(served.segments).toHaveLength(2);
    expect(standIn.requests.map((r) => r.status)).toEqual([500, 500, 200]);
    expect(standIn.requests.map((r) => r.form?.files[0]?.data.equals(AUDIO))).toEqual([true, true, true]);
  });

  it('answers late with delayMs, the client giving up first', async () => {
    standIn.failNextTranscription({ delayMs: 2_000 });
    const impatient = new OpenAI({ apiKey: standIn.apiKey, baseURL: standIn.url, maxRetries: 0, timeout: 200 });

    expect(await failureOf(transcribe(impatient))).toBeInstanceOf(APIConnectionError);
    expect(standIn.requests[0]!.status).toBe(0);
  });

  it('sends planned content as the whole 200 body', async () => {
    standIn.failNextTranscription({ content: '{"text": 42}' });

    expect(await transcribe()).toEqual({ text: 42 });
  });

  it('keeps transcription and chat failures apart, and clears both', async () => {
    const chat = () =>
      client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] });
    standIn.failNext({ status: 500 });
    standIn.failNextTranscription({ status: 500, times: 3 });

    expect(await failureOf(chat())).toBeInstanceOf(InternalServerError);
    expect((await chat()).object).toBe('chat.completion');
    expect(await failureOf(transcribe())).toBeInstanceOf(InternalServerError);

    standIn.clearFaults();
    expect((await transcribe()).segments).toHaveLength(2);
  });
});
