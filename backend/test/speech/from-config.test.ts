import { OpenAiSpeech, speechFromConfig } from '../../src/integrations/speech/index.ts';
import { startOpenAiStandIn, type OpenAiStandIn } from '../stand-ins/openai/index.ts';
import { wav } from './support.ts';

let standIn: OpenAiStandIn | undefined;

afterEach(async () => {
  await standIn?.close();
  standIn = undefined;
});

describe('speechFromConfig', () => {
  it('gives no provider without a config, or with neither a key nor a base URL', () => {
    expect(speechFromConfig(null)).toBeNull();
    expect(speechFromConfig({ model: 'whisper-1', timeoutMs: 300_000 })).toBeNull();
    expect(speechFromConfig({ apiKey: '  ', baseUrl: '', model: 'whisper-1', timeoutMs: 300_000 })).toBeNull();
  });

  it('gives OpenAI itself for a key alone, with whisper-1 when no model is set', () => {
    const speech = speechFromConfig({ apiKey: 'sk-live', model: '', timeoutMs: 0 });

    expect(speech).toBeInstanceOf(OpenAiSpeech);
    expect(speech!.name).toBe('openai:whisper-1');
  });

  it('refuses a model that answers without timestamps', () => {
    expect(() => speechFromConfig({ apiKey: 'sk-live', model: 'gpt-4o-transcribe', timeoutMs: 1_000 })).toThrow(
      /gpt-4o-transcribe answers without timestamps/,
    );
  });

  it('talks to a compatible server at the base URL with the configured model and key', async () => {
    standIn = await startOpenAiStandIn({ transcriptionModels: ['gpt-4o-transcribe-diarize'] });
    const speech = speechFromConfig({
      apiKey: standIn.apiKey,
      baseUrl: `${standIn.url}/`,
      model: 'gpt-4o-transcribe-diarize',
      timeoutMs: 10_000,
    });

    const segments = await speech!.transcribe(wav());

    expect(speech!.name).toBe('openai-compatible:gpt-4o-transcribe-diarize');
    expect(segments.map((s) => s.speaker)).toEqual(['A', 'B']);
    expect(standIn.requests[0]!.headers.authorization).toBe(`Bearer ${standIn.apiKey}`);
  });

  it('sends no Authorization header to a server configured without a key', async () => {
    standIn = await startOpenAiStandIn({ requireAuth: false });
    const speech = speechFromConfig({ baseUrl: standIn.url, model: 'whisper-1', timeoutMs: 10_000 });

    expect(await speech!.transcribe(wav())).toHaveLength(2);
    expect(standIn.requests[0]!.headers).not.toHaveProperty('authorization');
  });
});
