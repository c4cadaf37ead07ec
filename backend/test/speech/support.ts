// Shared by this folder's tests: the production adapter pointed at the OpenAI stand-in, and audio to give it.
import { OpenAiSpeech, type AudioInput, type OpenAiSpeechOptions } from '../../src/integrations/speech/index.ts';
import { startOpenAiStandIn, type OpenAiStandIn, type OpenAiStandInOptions } from '../stand-ins/openai/index.ts';

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
  const standIn = await startOpenAiStandIn(standInOptions);
  const speech = new OpenAiSpeech({ apiKey: standIn.apiKey, baseUrl: standIn.url, model: 'whisper-1', ...options });
  return { standIn, speech };
}

export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('The promise resolved');
}
