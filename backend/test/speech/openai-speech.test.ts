import { OpenAiSpeech, SpeechOutputError, transcriptFormatFor } from '../../src/integrations/speech/index.ts';
import { harnessPerTest, rejectionOf, WAV, wav } from './support.ts';

const start = harnessPerTest();

describe('OpenAI speech: whisper-1 and verbose_json', () => {
  it('sends the file with verbose_json and segment timestamps, and reads the segments in milliseconds', async () => {
    const { standIn, speech } = await start();
    standIn.transcript(() => ({
      segments: [
        { start: 0, end: 1.2344, text: 'Hi, this is Alex from Fleetly.' },
        { start: 1.2345, end: 3.0005, text: '  Oh, hello.  ' },
      ],
    }));

    const segments = await speech.transcribe(wav());

    expect(segments).toEqual([
      { startMs: 0, endMs: 1234, text: 'Hi, this is Alex from Fleetly.', speaker: null },
      { startMs: 1235, endMs: 3001, text: 'Oh, hello.', speaker: null },
    ]);
    const [request] = standIn.transcriptionRequests();
    expect(request).toMatchObject({
      model: 'whisper-1',
      response_format: 'verbose_json',
      timestamp_granularities: ['segment'],
      file: { filename: 'call.wav', contentType: 'audio/wav', size: WAV.length },
    });
    expect(request!.file.data.equals(WAV)).toBe(true);
    expect(request!.language).toBeUndefined();
    expect(speech.name).toBe('openai-compatible:whisper-1');
  });

  it('drops silent segments and puts the rest in time order', async () => {
    const { standIn, speech } = await start();
    standIn.transcript(() => ({
      segments: [
        { start: 4, end: 5, text: 'Third.' },
        { start: 1, end: 2, text: '   ' },
        { start: 2, end: 3, text: 'First.' },
        { start: 2, end: 2.5, text: 'Second, starting with the first.' },
      ],
    }));

    const segments = await speech.transcribe(wav());

    expect(segments.map((s) => s.text)).toEqual(['First.', 'Second, starting with the first.', 'Third.']);
  });

  it('passes the language on', async () => {
    const { standIn, speech } = await start();

    await speech.transcribe(wav(), { language: 'de' });

    expect(standIn.transcriptionRequests()[0]!.language).toBe('de');
  });

  it('names a file without a usable extension after its MIME type, so the provider can tell the format', async () => {
    const { standIn, speech } = await start();

    await speech.transcribe(wav({ filename: 'upload', mimeType: 'audio/mpeg' }));
    await speech.transcribe(wav({ filename: 'voicemail.bin', mimeType: 'audio/ogg; codecs=opus' }));

    expect(standIn.transcriptionRequests().map((r) => r.file.filename)).toEqual(['upload.mp3', 'voicemail.bin.ogg']);
  });

  it('gives an empty list for a recording without speech', async () => {
    const { standIn, speech } = await start();
    standIn.transcript(() => ({ segments: [], duration: 12 }));

    expect(await speech.transcribe(wav())).toEqual([]);
  });

  it('takes the text as one segment from a server that leaves segments out', async () => {
    const { standIn, speech } = await start();
    standIn.failNextTranscription({ content: JSON.stringify({ text: ' Just the text. ', duration: 2.5 }) });

    expect(await speech.transcribe(wav())).toEqual([
      { startMs: 0, endMs: 2500, text: 'Just the text.', speaker: null },
    ]);
  });
});

describe('OpenAI speech: diarizing models and diarized_json', () => {
  it('asks for diarized_json with automatic chunking, and keeps the speaker labels', async () => {
    const { standIn, speech } = await start({ model: 'gpt-4o-transcribe-diarize' });
    standIn.transcript(() => ({
      segments: [
        { start: 0, end: 2.5, text: 'Hi, this is Alex.', speaker: 'A' },
        { start: 2.75, end: 40, text: 'Hello Alex, let me tell you about our fleet.', speaker: 'B' },
        { start: 40.5, end: 41, text: 'Sure.', speaker: 'A' },
      ],
    }));

    const segments = await speech.transcribe(wav());

    expect(segments).toEqual([
      { startMs: 0, endMs: 2500, text: 'Hi, this is Alex.', speaker: 'A' },
      { startMs: 2750, endMs: 40_000, text: 'Hello Alex, let me tell you about our fleet.', speaker: 'B' },
      { startMs: 40_500, endMs: 41_000, text: 'Sure.', speaker: 'A' },
    ]);
    const [request] = standIn.transcriptionRequests();
    expect(request).toMatchObject({ response_format: 'diarized_json', chunking_strategy: 'auto' });
    expect(request!.timestamp_granularities).toBeUndefined();
  });

  it('tells the response format from the model, and refuses models that give no timestamps', () => {
    expect(transcriptFormatFor('whisper-1')).toBe('verbose_json');
    expect(transcriptFormatFor('Systran/faster-whisper-large-v3')).toBe('verbose_json');
    expect(transcriptFormatFor('gpt-4o-transcribe-diarize')).toBe('diarized_json');
    expect(transcriptFormatFor('gpt-4o-transcribe')).toBeNull();
    expect(transcriptFormatFor('gpt-4o-mini-transcribe-2025-12-15')).toBeNull();
    expect(() => new OpenAiSpeech({ apiKey: 'sk-x', model: 'gpt-4o-mini-transcribe' })).toThrow(/without timestamps/);
  });

  it('takes an explicit response format for a compatible server’s diarizing model', async () => {
    const { standIn, speech } = await start(
      { model: 'local-diarize-v1', responseFormat: 'diarized_json' },
      { transcriptionModels: ['local-diarize-v1'] },
    );

    const segments = await speech.transcribe(wav());

    expect(segments.map((s) => s.speaker)).toEqual(['A', 'B']);
    expect(standIn.transcriptionRequests()[0]!.model).toBe('local-diarize-v1');
  });
});

describe('OpenAI speech: unusable replies', () => {
  it.each([
    ['not JSON', 'Hello there', /not JSON/],
    ['a plain string', '"Hello there"', /not verbose_json/],
    ['segments without times', JSON.stringify({ text: 'x', segments: [{ text: 'x' }] }), /segments\.0\.start/],
    ['neither segments nor text', JSON.stringify({ duration: 3 }), /neither segments nor text/],
  ])('reports %s as SpeechOutputError', async (_name, content, message) => {
    const { standIn, speech } = await start();
    standIn.failNextTranscription({ content });

    const error = await rejectionOf(speech.transcribe(wav()));

    expect(error).toBeInstanceOf(SpeechOutputError);
    expect((error as Error).message).toMatch(message);
  });

  it('reports a diarized reply without speakers’ segments as SpeechOutputError', async () => {
    const { standIn, speech } = await start({ model: 'gpt-4o-transcribe-diarize' });
    standIn.failNextTranscription({ content: JSON.stringify({ text: 'Only text.' }) });

    expect(await rejectionOf(speech.transcribe(wav()))).toBeInstanceOf(SpeechOutputError);
  });
});
