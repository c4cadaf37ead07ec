import { classifyProviderError } from '../openai/provider-errors.ts';
import {
  SpeechBadAudioError,
  SpeechRequestError,
  SpeechTooLargeError,
  SpeechUnavailableError,
  type SpeechError,
} from './errors.ts';
import { MAX_AUDIO_BYTES } from './audio-formats.ts';

// The API's own words for audio it will not take: its 400 bodies carry no code that tells these apart.
const UNSUPPORTED_FORMAT = /invalid file format/i;
const UNREADABLE = /corrupted or unsupported|could not be decoded/i;
const TOO_LONG = /audio duration .* longer than/i;

/** An SDK failure as one of ours (see `classifyProviderError` for how the deadline and the SDK's retries count). */
export function fromProviderError(error: unknown, deadlinePassed: boolean, bytes: number): SpeechError {
  const cause = { cause: error };
  const failure = classifyProviderError(error, deadlinePassed);
  if (failure.kind === 'unavailable') return new SpeechUnavailableError(failure.reason, failure.status, cause);
  const { status, message } = failure;
  if (status === 413) return new SpeechTooLargeError('size', bytes, MAX_AUDIO_BYTES, cause);
  if (status === 400) {
    if (UNSUPPORTED_FORMAT.test(message)) return new SpeechBadAudioError('unsupported-format', cause);
    if (UNREADABLE.test(message)) return new SpeechBadAudioError('unreadable', cause);
    if (TOO_LONG.test(message)) return new SpeechTooLargeError('duration', bytes, MAX_AUDIO_BYTES, cause);
  }
  return new SpeechRequestError(status, failure.code, cause);
}
