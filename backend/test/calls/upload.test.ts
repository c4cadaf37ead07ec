import express from 'express';
import { pino } from 'pino';
import request from 'supertest';
import { TranscriptSegmentUpsert } from '@sdr/shared';
import { problemHandler } from '../../src/api/problems.ts';
import type { CallSink } from '../../src/integrations/calls/call-sink.ts';
import {
  chooseRepSpeaker,
  recordingExternalId,
  recordingUploads,
  toCallSegments,
  transcribeRecording,
} from '../../src/integrations/calls/upload/index.ts';
import {
  MAX_AUDIO_BYTES,
  OpenAiSpeech,
  SpeechUnavailableError,
  type SpeechPort,
  type TranscribedSegment,
} from '../../src/integrations/speech/index.ts';
import { audioCorrupted, startOpenAiStandIn, type OpenAiStandIn } from '../stand-ins/openai/index.ts';
import { until } from '../support/waiting.ts';
import { MemorySink } from './memory-sink.ts';

const TENANT = 'tenant-a';
const LEAD = 'lead-42';
const USER = 'user-7';
const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

/** A provider that answers with fixed segments, or fails. */
function fixedSpeech(answer: TranscribedSegment[] | Error): SpeechPort & { calls: number } {
  return {
    name: 'fixed',
    calls: 0,
    async transcribe() {
      this.calls += 1;
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
}

function appWith(speech: SpeechPort | null, sink: CallSink, user: { id: string; name: string } | null = null) {
  const app = express();
  // What the API-key check in front of the router provides.
  app.use((_req, res, next) => {
    res.locals.tenant = { tenantId: TENANT, keyId: 'key-1', user } as never;
    next();
  });
  // The real app parses JSON before its routes; an audio body must pass through untouched.
  app.use(express.json());
  app.use(recordingUploads({ speech, sink }));
  app.use(problemHandler(logger));
  return app;
}

const RECORDING = Buffer.from('OggS\u0000\u0002 fake opus pages \r\n--\r\n', 'latin1');

const DIALOGUE = {
  segments: [
    { start: 0, end: 2.5, text: 'Hi Dana, this is Alex from Fleetly.', speaker: 'A' },
    { start: 2.75, end: 6, text: 'Oh hi. Honestly, Trakwell came in cheaper.', speaker: 'B' },
    { start: 6.2, end: 9.1, text: 'What are you paying per vehicle today?', speaker: 'A' },
  ],
};

let standIn: OpenAiStandIn | undefined;

afterEach(async () => {
  await standIn?.close();
  standIn = undefined;
});

async function diarizingSpeech(): Promise<OpenAiSpeech> {
  standIn = await startOpenAiStandIn();
  standIn.transcript(() => DIALOGUE);
  return new OpenAiSpeech({
    apiKey: standIn.apiKey,
    baseUrl: standIn.url,
    model: 'gpt-4o-transcribe-diarize',
    maxRetries: 0,
  });
}

const upload = (app: express.Express, query = '', body: Buffer = RECORDING, type = 'audio/ogg') =>
  request(app).post(`/v1/calls/recordings${query}`).set('content-type', type).send(body);

describe('POST /v1/calls/recordings', () => {
  it('transcribes the recording into a new upload call: started, segments delivered, ended', async () => {
    const sink = new MemorySink();
    const app = appWith(await diarizingSpeech(), sink);

    const response = await upload(app, `?leadId=${LEAD}&userId=${USER}`);

    expect(response.status).toBe(201);
    const callId = response.body.callId as string;
    expect(response.body).toEqual({ callId, segments: 3, repSpeaker: 'A', duplicate: false });
    expect(sink.started).toEqual([
      { platform: 'upload', externalId: recordingExternalId(RECORDING), leadId: LEAD, userId: USER },
    ]);
    expect(sink.deliveries).toEqual([
      {
        callId,
        segments: [
          {
            segmentId: 'upload-0',
            speaker: 'rep',
            text: 'Hi Dana, this is Alex from Fleetly.',
            startMs: 0,
            endMs: 2500,
            final: true,
          },
          {
            segmentId: 'upload-1',
            speaker: 'prospect',
            text: 'Oh hi. Honestly, Trakwell came in cheaper.',
            startMs: 2750,
            endMs: 6000,
            final: true,
          },
          {
            segmentId: 'upload-2',
            speaker: 'rep',
            text: 'What are you paying per vehicle today?',
            startMs: 6200,
            endMs: 9100,
            final: true,
          },
        ],
      },
    ]);
    expect(sink.ended).toEqual([{ callId, endedAt: undefined, segmentsAtEnd: 3 }]);
    expect(sink.calls.find((c) => c.callId === callId)).toMatchObject({ tenantId: TENANT, status: 'ended' });
    // The audio reached the provider byte for byte, under a name that tells its format.
    const [sent] = standIn!.transcriptionRequests();
    expect(sent!.file).toMatchObject({ filename: 'recording.ogg', contentType: 'audio/ogg' });
    expect(sent!.file.data.equals(RECORDING)).toBe(true);
  });

  it('makes the speaker named repSpeaker the rep', async () => {
    const sink = new MemorySink();
    const app = appWith(await diarizingSpeech(), sink);

    const response = await upload(app, '?repSpeaker=b');

    expect(response.status).toBe(201);
    expect(response.body.repSpeaker).toBe('B');
    expect(sink.deliveries[0]!.segments.map((s) => s.speaker)).toEqual(['prospect', 'rep', 'prospect']);
  });

  it('answers the same recording twice with the same call, delivering it once', async () => {
    const sink = new MemorySink();
    const app = appWith(await diarizingSpeech(), sink);

    const first = await upload(app);
    const second = await upload(app);
    const other = await upload(app, '', Buffer.concat([RECORDING, Buffer.from('x')]));

    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.body).toEqual({ ...first.body, duplicate: true });
    expect(sink.started.map((s) => s.externalId)).toEqual([
      recordingExternalId(RECORDING),
      recordingExternalId(RECORDING),
      recordingExternalId(Buffer.concat([RECORDING, Buffer.from('x')])),
    ]);
    expect(other.body.callId).not.toBe(first.body.callId);
    expect(sink.deliveries.map((d) => d.callId)).toEqual([first.body.callId, other.body.callId]);
    expect(sink.ended.map((e) => e.callId)).toEqual([first.body.callId, other.body.callId]);
  });

  it('acts for the requesting user by default, and passes language and startedAt on', async () => {
    const sink = new MemorySink();
    const app = appWith(await diarizingSpeech(), sink, { id: 'user-from-crm', name: 'Alex' });

    const response = await upload(app, '?language=en&startedAt=2026-11-24T14:00:00.000Z');

    expect(response.status).toBe(201);
    expect(sink.started[0]).toMatchObject({ userId: 'user-from-crm', startedAt: '2026-11-24T14:00:00.000Z' });
    expect(sink.ended[0]!.endedAt).toBe('2026-11-24T14:00:09.100Z');
    expect(standIn!.transcriptionRequests()[0]!.language).toBe('en');
  });

  it('delivers a long transcript in batches of at most 500', async () => {
    const sink = new MemorySink();
    const segments = Array.from({ length: 1_201 }, (_, i) => ({
      startMs: i * 1000,
      endMs: i * 1000 + 900,
      text: `Sentence ${i}.`,
      speaker: i % 2 === 0 ? 'A' : 'B',
    }));
    const app = appWith(fixedSpeech(segments), sink);

    const response = await upload(app);

    expect(response.body.segments).toBe(1_201);
    expect(sink.deliveries.map((d) => d.segments.length)).toEqual([500, 500, 201]);
    expect(sink.deliveries[2]!.segments.at(-1)!.segmentId).toBe('upload-1200');
    expect(sink.ended[0]!.segmentsAtEnd).toBe(1_201);
  });

  it('calls every voice the prospect when the model does not tell speakers apart', async () => {
    const sink = new MemorySink();
    standIn = await startOpenAiStandIn();
    standIn.transcript(() => DIALOGUE);
    const whisper = new OpenAiSpeech({ apiKey: standIn.apiKey, baseUrl: standIn.url, model: 'whisper-1' });

    const response = await upload(appWith(whisper, sink), '?repSpeaker=A');

    expect(response.status).toBe(201);
    expect(response.body.repSpeaker).toBeNull();
    expect(sink.deliveries[0]!.segments.map((s) => s.speaker)).toEqual(['prospect', 'prospect', 'prospect']);
  });
  it('stops transcribing when the uploader leaves, and starts no call', async () => {
    const sink = new MemorySink();
    let signal: AbortSignal | undefined;
    const hanging: SpeechPort = {
      name: 'hanging',
      transcribe: (_audio, options) =>
        new Promise((_resolve, reject) => {
          signal = options?.signal;
          signal?.addEventListener('abort', () => reject(signal!.reason));
        }),
    };
    const server = appWith(hanging, sink).listen(0);
    try {
      const { port } = server.address() as { port: number };
      const uploader = new AbortController();
      const sent = fetch(`http://127.0.0.1:${port}/v1/calls/recordings`, {
        method: 'POST',
        headers: { 'content-type': 'audio/ogg' },
        body: RECORDING,
        signal: uploader.signal,
      }).catch((error: unknown) => error);

      await until(async () => signal);
      uploader.abort();

      expect(await sent).toMatchObject({ name: 'AbortError' });
      await until(async () => signal!.aborted);
      expect(sink.started).toHaveLength(0);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('POST /v1/calls/recordings: refusals', () => {
  const expectProblem = (response: request.Response, status: number) => {
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status, instance: expect.stringContaining('/v1/calls/recordings') });
  };

  it('answers 503 without a speech provider, saying what to configure', async () => {
    const sink = new MemorySink();

    const response = await upload(appWith(null, sink));

    expectProblem(response, 503);
    expect(response.body.detail).toMatch(/OPENAI_API_KEY/);
    expect(response.body.detail).toMatch(/no built-in/);
    expect(sink.started).toHaveLength(0);
  });

  it('answers 415 for a body that is not a supported audio type', async () => {
    const speech = fixedSpeech([]);
    const app = appWith(speech, new MemorySink());

    const json = await request(app).post('/v1/calls/recordings').send({ audio: 'base64…' });
    const text = await upload(app, '', RECORDING, 'text/plain');
    const aac = await upload(app, '', RECORDING, 'audio/aac');
    const untyped = await request(app).post('/v1/calls/recordings').set('content-type', '').send(RECORDING);

    for (const response of [json, text, aac]) expectProblem(response, 415);
    expect(untyped.status).toBe(415);
    expect(aac.body.detail).toContain('audio/mpeg');
    expect(aac.body.errors).toEqual([{ field: 'header.content-type', message: 'not a supported audio type' }]);
    expect(speech.calls).toBe(0);
  });

  it('answers 400 for an empty body', async () => {
    const speech = fixedSpeech([]);
    const app = appWith(speech, new MemorySink());

    const empty = await upload(app, '', Buffer.alloc(0), 'audio/wav');
    const none = await request(app).post('/v1/calls/recordings');

    expectProblem(empty, 400);
    expectProblem(none, 400);
    expect(empty.body.errors).toEqual([{ field: 'body', message: 'empty' }]);
    expect(speech.calls).toBe(0);
  });

  it('answers 413 for a recording over 25 MB, declared or streamed', async () => {
    const speech = fixedSpeech([]);
    const app = appWith(speech, new MemorySink());
    const big = Buffer.alloc(MAX_AUDIO_BYTES + 1);

    const declared = await upload(app, '', big, 'audio/wav');
    const server = app.listen(0);
    try {
      const { port } = server.address() as { port: number };
      // Chunked, without a Content-Length: only reading it shows the size.
      const streamed = await fetch(`http://127.0.0.1:${port}/v1/calls/recordings`, {
        method: 'POST',
        headers: { 'content-type': 'audio/wav' },
        body: new ReadableStream({
          start(controller) {
            for (let sent = 0; sent <= MAX_AUDIO_BYTES; sent += 1 << 20) controller.enqueue(new Uint8Array(1 << 20));
            controller.close();
          },
        }),
        duplex: 'half',
      } as RequestInit);
      expect(streamed.status).toBe(413);
      expect(await streamed.json()).toMatchObject({ status: 413, errors: [{ field: 'body', message: 'too large' }] });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }

    expectProblem(declared, 413);
    expect(declared.body.detail).toContain('25 MB');
    expect(speech.calls).toBe(0);
  });

  it('answers 400 for query parameters it does not take', async () => {
    const speech = fixedSpeech([]);
    const app = appWith(speech, new MemorySink());

    const response = await upload(app, '?leadId=bad%20id&language=english&color=blue');

    expectProblem(response, 400);
    expect(response.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'query.leadId' }),
        expect.objectContaining({ field: 'query.language' }),
        { field: 'query.color', message: 'unknown field' },
      ]),
    );
    expect(speech.calls).toBe(0);
  });

  it('answers the provider’s refusal of the audio with 400, and its outage with 503, creating no call', async () => {
    const sink = new MemorySink();
    const speech = await diarizingSpeech();
    const app = appWith(speech, sink);

    standIn!.transcript(() => {
      throw audioCorrupted();
    });
    const unreadable = await upload(app);
    standIn!.failNextTranscription({ status: 500, times: 5 });
    const down = await upload(app);
    const unavailable = await upload(appWith(fixedSpeech(new SpeechUnavailableError('rate-limited', 429)), sink));

    expectProblem(unreadable, 400);
    expect(unreadable.body.errors).toEqual([{ field: 'body', message: 'unreadable audio' }]);
    expectProblem(down, 503);
    expect(down.body.detail).toContain('server');
    expectProblem(unavailable, 503);
    expect(unavailable.body.detail).toContain('rate-limited');
    expect(sink.started).toHaveLength(0);
  });
});

describe('transcribeRecording', () => {
  const said = (startMs: number, speaker: string | null, text = 'Something.'): TranscribedSegment => ({
    startMs,
    endMs: startMs + 500,
    text,
    speaker,
  });

  it('takes the first speaker as the rep, or the one named, and labelless voices as the prospect', () => {
    const segments = [said(2_000, 'B'), said(0, null), said(1_000, 'A'), said(3_000, 'C')];

    expect(chooseRepSpeaker(segments)).toBe('B');
    expect(chooseRepSpeaker(segments, 'C')).toBe('C');
    expect(chooseRepSpeaker(segments, ' c ')).toBe('C');
    expect(chooseRepSpeaker(segments, 'Z')).toBe('B');
    expect(chooseRepSpeaker([said(0, null)], 'A')).toBeNull();
    // In time order the first voice is A, so A is the rep.
    expect(toCallSegments(segments).segments.map((s) => [s.segmentId, s.speaker])).toEqual([
      ['upload-0', 'prospect'],
      ['upload-1', 'rep'],
      ['upload-2', 'prospect'],
      ['upload-3', 'prospect'],
    ]);
  });

  it('keeps segments within the contract: text cut at 10,000 characters, nothing past a day', () => {
    const { segments } = toCallSegments([
      said(0, 'A', 'x'.repeat(12_000)),
      said(86_400_000, 'A', 'Too late.'),
      said(5, 'B', '   '),
    ]);

    expect(segments).toHaveLength(1);
    expect(segments[0]!.text).toHaveLength(10_000);
    expect(() => TranscriptSegmentUpsert.parse(segments[0])).not.toThrow();
  });

  it('starts and ends a call for a recording without speech', async () => {
    const sink = new MemorySink();

    const result = await transcribeRecording(
      { speech: fixedSpeech([]), sink },
      {
        tenantId: TENANT,
        externalId: 'sha256:silence',
        audio: { data: RECORDING, filename: 'r.ogg', mimeType: 'audio/ogg' },
      },
    );

    expect(result).toEqual({ callId: expect.any(String), segments: 0, repSpeaker: null, duplicate: false });
    expect(sink.deliveries).toHaveLength(0);
    expect(sink.ended).toEqual([{ callId: result.callId, endedAt: undefined, segmentsAtEnd: 0 }]);
  });
});
