export type { AudioInput, SpeechPort, TranscribedSegment, TranscribeOptions } from './port.ts';
export {
  SpeechBadAudioError,
  SpeechError,
  SpeechOutputError,
  SpeechRequestError,
  SpeechTooLargeError,
  SpeechUnavailableError,
  type BadAudioProblem,
  type UnavailableReason,
} from './errors.ts';
export {
  AUDIO_EXTENSIONS,
  extensionOfName,
  extensionOfType,
  MAX_AUDIO_BYTES,
  mimeEssence,
  SUPPORTED_AUDIO_TYPES,
  uploadName,
  type AudioExtension,
} from './audio-formats.ts';
export { DEFAULT_SPEECH_MODEL, speechFromConfig, type SpeechConfig } from './from-config.ts';
export {
  DEFAULT_SDK_RETRIES,
  DEFAULT_TIMEOUT_MS,
  OpenAiSpeech,
  transcriptFormatFor,
  type OpenAiSpeechOptions,
} from './openai-speech.ts';
export { normalise, readTranscript, type TranscriptFormat } from './transcript-reply.ts';
