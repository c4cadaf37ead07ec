/**
 * What can go wrong transcribing, in kinds a caller can act on: fix the audio (`SpeechBadAudioError`,
 * `SpeechTooLargeError`), try again later (`SpeechUnavailableError`), or have an operator look at the settings
 * (`SpeechRequestError`, `SpeechOutputError`). Messages never quote the transcript.
 */
export abstract class SpeechError extends Error {}

/**
 * The provider could not be reached or would not serve us right now: a dropped connection, our deadline, a 5xx or
 * 429 that outlasted the SDK's retries, or credentials it refused (`auth`: 401/403, which no retry fixes, but an
 * outage from the caller's side all the same).
 */
export type UnavailableReason = 'network' | 'timeout' | 'server' | 'rate-limited' | 'auth';

export class SpeechUnavailableError extends SpeechError {
  override readonly name = 'SpeechUnavailableError';
  readonly reason: UnavailableReason;
  // The HTTP status, when there was an answer.
  readonly status: number | undefined;

  constructor(reason: UnavailableReason, status?: number, options?: { cause?: unknown }) {
    super(`Speech provider unavailable: ${reason}${status === undefined ? '' : ` (HTTP ${status})`}`, options);
    this.reason = reason;
    this.status = status;
  }
}

/**
 * The audio cannot be transcribed as sent: no bytes (`empty`), a format the provider does not take
 * (`unsupported-format`, told by the file name's extension or the MIME type), or bytes it could not decode
 * (`unreadable`: corrupt, truncated, or not what the type says).
 */
export type BadAudioProblem = 'empty' | 'unsupported-format' | 'unreadable';

export class SpeechBadAudioError extends SpeechError {
  override readonly name = 'SpeechBadAudioError';
  readonly problem: BadAudioProblem;

  constructor(problem: BadAudioProblem, options?: { cause?: unknown }) {
    super(`Audio not transcribable: ${problem}`, options);
    this.problem = problem;
  }
}

/**
 * Over a provider limit: the file's size (`size`: OpenAI takes 25 MB) or, for models that cap it, the audio's
 * length (`duration`). Either way the recording must be split or compressed before it can be transcribed.
 */
export class SpeechTooLargeError extends SpeechError {
  override readonly name = 'SpeechTooLargeError';
  readonly limit: 'size' | 'duration';
  readonly bytes: number;
  readonly maxBytes: number;

  constructor(limit: 'size' | 'duration', bytes: number, maxBytes: number, options?: { cause?: unknown }) {
    super(
      limit === 'size'
        ? `Audio too large: ${bytes} bytes, over the provider's limit of ${maxBytes}`
        : "Audio too long for the speech model's duration limit",
      options,
    );
    this.limit = limit;
    this.bytes = bytes;
    this.maxBytes = maxBytes;
  }
}

/**
 * The provider refused this request for a reason that is ours, not the audio's: an unknown model, a response
 * format the model does not offer, a malformed language code. Retrying cannot help.
 */
export class SpeechRequestError extends SpeechError {
  override readonly name = 'SpeechRequestError';
  readonly status: number | undefined;
  // The provider's error code (`model_not_found`, `unsupported_value`…), when it gave one.
  readonly code: string | undefined;

  constructor(status: number | undefined, code: string | undefined, options?: { cause?: unknown }) {
    super(`Speech provider refused the request: HTTP ${status ?? '?'}${code ? ` ${code}` : ''}`, options);
    this.status = status;
    this.code = code;
  }
}

/** The provider answered 200 with something that is not a transcript in the format asked for. */
export class SpeechOutputError extends SpeechError {
  override readonly name = 'SpeechOutputError';

  constructor(detail: string, options?: { cause?: unknown }) {
    super(`Speech provider reply unusable: ${detail}`, options);
  }
}
