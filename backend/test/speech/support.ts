// Shared by this folder's tests: the production adapter pointed at the OpenAI stand-in, and audio to give it.
import { OpenAiSpeech, type AudioInput, type OpenAiSpeechOptions } from '../../src/integrations/speech/index.ts';
import { withStandIn } from '../stand-ins/openai/harness.ts';
import type { OpenAiStandIn, OpenAiStandInOptions } from '../stand-ins/openai/index.ts';

export { rejectionOf } from '../stand-ins/openai/harness.ts';

// Not decodable audio, but the stand-in only checks that the bytes arrive whole; CR, LF and dashes test the upload.
export const WAV = Buffer.concat([
  Buffer.from('RIFF$\u0000\u0000\u0000WAVEfmt '),
  Buffer.from([0, 13, 10, 45, 45, 255]),
]);

export function wav(overrides: Partial<AudioInput> = {}): AudioInput {
  return { data: WAV, filename: 'call.wav', mimeType: 'audio/wav', ...overrides };
}

export interface Harness {
  standIn: OpenAiStandIn;
  speech: OpenAiSpeech;
}

export async function harness(
  options: Partial<OpenAiSpeechOptions> = {},
  standInOptions: OpenAiStandInOptions = {},
): Promise<Harness> {
  const { standIn, adapter } = await withStandIn(
    (connection) => new OpenAiSpeech({ ...connection, model: 'whisper-1', ...options }),
    standInOptions,
  );
  return { standIn, speech: adapter };
}

/** A `harness` for each test that asks for one, its stand-in closed after the test. */
export function harnessPerTest(): (...args: Parameters<typeof harness>) => Promise<Harness> {
  let current: Harness | undefined;
  afterEach(async () => {
    await current?.standIn.close();
    current = undefined;
  });
  return async (...args) => (current = await harness(...args));
}
