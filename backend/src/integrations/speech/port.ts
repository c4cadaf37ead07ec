/**
 * What the suite asks of a speech-to-text provider: the timed utterances in one recording. There is no built-in
 * engine behind this port (recognising speech takes a model), so a feature that needs it is off until a provider is
 * configured, and says so; see README.md.
 */

/** One utterance, with offsets from the start of the recording. */
export interface TranscribedSegment {
  /** Whole milliseconds, at least 0. */
  startMs: number;
  /** Whole milliseconds, never before `startMs`. */
  endMs: number;
  /** Trimmed, never empty. */
  text: string;
  /**
   * The provider's label for the voice (`A`, `B`… from a diarizing model), the same label for the same voice
   * throughout one recording; null when the model does not tell speakers apart.
   */
  speaker: string | null;
}

export interface AudioInput {
  data: Buffer;
  /** The file's name; its extension is how providers tell the format, so one is added from `mimeType` if missing. */
  filename: string;
  mimeType: string;
}

export interface TranscribeOptions {
  /** The spoken language as an ISO-639-1 code (`en`), when known: faster and more accurate than detection. */
  language?: string;
  /** The caller giving up: the call rejects with the signal's reason, not a `SpeechError`. */
  signal?: AbortSignal;
}

export interface SpeechPort {
  /** The provider and model, for logs: 'openai:whisper-1'. */
  readonly name: string;
  /**
   * The recording's segments in time order. Rejects with a `SpeechError`: the audio is empty, of a format the
   * provider does not take or unreadable (`SpeechBadAudioError`), over its size or length limit
   * (`SpeechTooLargeError`), the provider down (`SpeechUnavailableError`), refusing the request
   * (`SpeechRequestError`) or answering with something unusable (`SpeechOutputError`).
   */
  transcribe(audio: AudioInput, options?: TranscribeOptions): Promise<TranscribedSegment[]>;
}
