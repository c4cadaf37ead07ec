import { pino } from 'pino';
import {
  MAX_AUDIO_BYTES,
  OpenAiSpeech,
  SpeechBadAudioError,
  SpeechError,
  SpeechRequestError,
  SpeechTooLargeError,
  SpeechUnavailableError,
} from '../../src/integrations/speech/index.ts';
import { audioCorrupted, startOpenAiStandIn } from '../stand-ins/openai/index.ts';
import { harnessPerTest, rejectionOf, wav } from './support.ts';

const start = harnessPerTest();

describe('OpenAI speech: provider failures', () => {
  it('rides out one 503 with the SDK’s retry, uploading the file again', async () => {
    const { standIn, speech } = await start({ maxRetries: 1 });
    standIn.failNextTranscription({ status: 503 });

    expect(await speech.transcribe(wav())).toHaveLength(2);
    expect(standIn.requests.map((r) => r.status)).toEqual([503, 200]);
    expect(standIn.requests.map((r) => r.form?.files[0]?.data.length)).toEqual([wav().data.length, wav().data.length]);
  });

  it('reports a lasting 500 as SpeechUnavailableError after the configured retries', async () => {
    const { standIn, speech } = await start({ maxRetries: 2 });
    standIn.failNextTranscription({ status: 500, times: 10 });

    const error = await rejectionOf(speech.transcribe(wav()));

    expect(error).toBeInstanceOf(SpeechUnavailableError);
    expect(error).toMatchObject({ reason: 'server', status: 500 });
    expect(standIn.requests.map((r) => r.status)).toEqual([500, 500, 500]);
  });

  it('reports a lasting 429 as rate-limited after one retry by default', async () => {
    const { standIn, speech } = await start();
    standIn.failNextTranscription({ status: 429, retryAfterSeconds: 0, times: 10 });

    const error = await rejectionOf(speech.transcribe(wav()));

    expect(error).toMatchObject({ name: 'SpeechUnavailableError', reason: 'rate-limited', status: 429 });
    expect(standIn.requests).toHaveLength(2);
  });

  it('gives up at the deadline, retries included', async () => {
    const { standIn, speech } = await start({ timeoutMs: 300, maxRetries: 3 });
    standIn.failNextTranscription({ delayMs: 5_000, times: 10 });

    const error = await rejectionOf(speech.transcribe(wav()));

    expect(error).toBeInstanceOf(SpeechUnavailableError);
    expect(error).toMatchObject({ reason: 'timeout' });
  });

  it('reports a wrong key as auth, without retrying', async () => {
    const { standIn } = await start();
    const speech = new OpenAiSpeech({ apiKey: 'sk-wrong', baseUrl: standIn.url, model: 'whisper-1' });

    const error = await rejectionOf(speech.transcribe(wav()));

    expect(error).toMatchObject({ name: 'SpeechUnavailableError', reason: 'auth', status: 401 });
    expect(standIn.requests).toHaveLength(1);
  });

  it('reports an unreachable server as network', async () => {
    const standIn = await startOpenAiStandIn();
    const url = standIn.url;
    await standIn.close();
    const speech = new OpenAiSpeech({ apiKey: 'sk-x', baseUrl: url, model: 'whisper-1', maxRetries: 0 });

    expect(await rejectionOf(speech.transcribe(wav()))).toMatchObject({ reason: 'network' });
  });

  it('reports an unknown model as SpeechRequestError with the provider’s code', async () => {
    const { speech } = await start({ model: 'whisper-9' });

    const error = await rejectionOf(speech.transcribe(wav()));

    expect(error).toBeInstanceOf(SpeechRequestError);
    expect(error).toMatchObject({ status: 404, code: 'model_not_found' });
  });

  it('reports a language the provider refuses as SpeechRequestError', async () => {
    const { speech } = await start();

    expect(await rejectionOf(speech.transcribe(wav(), { language: 'english' }))).toMatchObject({
      name: 'SpeechRequestError',
      status: 400,
      code: 'invalid_value',
    });
  });

  it('rejects with the caller’s own abort reason, not a SpeechError', async () => {
    const { standIn, speech } = await start();
    standIn.failNextTranscription({ delayMs: 5_000 });
    const controller = new AbortController();
    const reason = new Error('the uploader left');

    const pending = rejectionOf(speech.transcribe(wav(), { signal: controller.signal }));
    setTimeout(() => controller.abort(reason), 50);

    expect(await pending).toBe(reason);
    expect(await rejectionOf(speech.transcribe(wav(), { signal: controller.signal }))).toBe(reason);
  });
});

describe('OpenAI speech: audio the provider will not take', () => {
  it('refuses empty, oversized and unidentifiable audio before uploading it', async () => {
    const { standIn, speech } = await start();

    const empty = await rejectionOf(speech.transcribe(wav({ data: Buffer.alloc(0) })));
    const big = await rejectionOf(speech.transcribe(wav({ data: Buffer.alloc(MAX_AUDIO_BYTES + 1) })));
    const unknown = await rejectionOf(speech.transcribe(wav({ filename: 'call.aac', mimeType: 'audio/aac' })));

    expect(empty).toBeInstanceOf(SpeechBadAudioError);
    expect(empty).toMatchObject({ problem: 'empty' });
    expect(big).toBeInstanceOf(SpeechTooLargeError);
    expect(big).toMatchObject({ limit: 'size', bytes: MAX_AUDIO_BYTES + 1, maxBytes: 26_214_400 });
    expect(unknown).toMatchObject({ name: 'SpeechBadAudioError', problem: 'unsupported-format' });
    expect(standIn.requests).toHaveLength(0);
  });

  it('maps the provider’s own refusals of the audio', async () => {
    const { standIn, speech } = await start({ model: 'gpt-4o-transcribe-diarize', maxRetries: 0 });
    standIn.transcript(() => {
      throw audioCorrupted();
    });
    const corrupt = await rejectionOf(speech.transcribe(wav()));

    standIn.transcript(() => ({ segments: [{ start: 0, end: 1_800, text: 'A very long call.' }] }));
    const tooLong = await rejectionOf(speech.transcribe(wav()));

    standIn.failNextTranscription({
      status: 400,
      body: {
        error: {
          message:
            "Invalid file format. Supported formats: ['flac', 'm4a', 'mp3', 'mp4', 'mpeg', 'mpga', 'oga', 'ogg', 'wav', 'webm']",
          type: 'invalid_request_error',
          param: null,
          code: null,
        },
      },
    });
    const format = await rejectionOf(speech.transcribe(wav()));

    standIn.failNextTranscription({ status: 413 });
    const tooBig = await rejectionOf(speech.transcribe(wav()));

    expect(corrupt).toMatchObject({ name: 'SpeechBadAudioError', problem: 'unreadable' });
    expect(tooLong).toMatchObject({ name: 'SpeechTooLargeError', limit: 'duration' });
    expect(format).toMatchObject({ name: 'SpeechBadAudioError', problem: 'unsupported-format' });
    expect(tooBig).toMatchObject({ name: 'SpeechTooLargeError', limit: 'size', bytes: wav().data.length });
    for (const error of [corrupt, tooLong, format, tooBig]) expect(error).toBeInstanceOf(SpeechError);
  });
});

describe('OpenAI speech: logging', () => {
  it('logs each transcription and failure without the transcript', async () => {
    const lines: Record<string, unknown>[] = [];
    const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    const { standIn, speech } = await start({ logger, maxRetries: 0 });
    const secret = 'our budget is forty thousand';
    standIn.transcript(() => ({ segments: [{ start: 0, end: 2, text: secret, speaker: 'A' }] }));

    await speech.transcribe(wav());
    standIn.failNextTranscription({ status: 500 });
    await rejectionOf(speech.transcribe(wav()));

    expect(lines.map((l) => [l.level, l.msg])).toEqual([
      [20, 'speech transcribed'],
      [40, 'speech call failed'],
    ]);
    expect(lines[0]).toMatchObject({ component: 'speech', model: 'whisper-1', segments: 1, bytes: wav().data.length });
    expect(lines[1]).toMatchObject({ err: { type: 'SpeechUnavailableError', reason: 'server', status: 500 } });
    expect(JSON.stringify(lines)).not.toContain(secret);
  });
});
