import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  PermissionDeniedError,
  RateLimitError,
} from 'openai';
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

/**
 * An SDK failure as one of ours. Runs after the SDK's own retries, so a 429 or 5xx seen here is one that lasted.
 * Our deadline reaches the SDK as an aborted signal, so an abort here is a timeout: the caller's own abort is handed
 * back as it is before this is asked.
 */
export function fromProviderError(error: unknown, deadlinePassed: boolean, bytes: number): SpeechError {
  const cause = { cause: error };
  // The deadline decides first: whether the SDK reports its passing as an abort, a timeout or a bare connection
  // error depends on which timer fires first and on how fetch words it.
  if (deadlinePassed || error instanceof APIConnectionTimeoutError || error instanceof APIUserAbortError) {
    return new SpeechUnavailableError('timeout', undefined, cause);
  }
  if (error instanceof APIConnectionError) return new SpeechUnavailableError('network', undefined, cause);
  if (error instanceof AuthenticationError || error instanceof PermissionDeniedError) {
    return new SpeechUnavailableError('auth', error.status, cause);
  }
  if (error instanceof RateLimitError) return new SpeechUnavailableError('rate-limited', error.status, cause);
  if (error instanceof APIError) {
    const status = error.status;
    // 408 and 409 are the SDK's retryable client errors: the server timing out or a lock, both passing.
    if (status === undefined || status >= 500 || status === 408 || status === 409) {
      return new SpeechUnavailableError('server', status, cause);
    }
    if (status === 413) return new SpeechTooLargeError('size', bytes, MAX_AUDIO_BYTES, cause);
    if (status === 400) {
      const message = error.message;
      if (UNSUPPORTED_FORMAT.test(message)) return new SpeechBadAudioError('unsupported-format', cause);
      if (UNREADABLE.test(message)) return new SpeechBadAudioError('unreadable', cause);
      if (TOO_LONG.test(message)) return new SpeechTooLargeError('duration', bytes, MAX_AUDIO_BYTES, cause);
    }
    return new SpeechRequestError(status, error.code ?? undefined, cause);
  }
  // Anything else the SDK did not classify: treated as the connection failing.
  return new SpeechUnavailableError('network', undefined, cause);
}
