export {
  chooseRepSpeaker,
  recordingExternalId,
  SEGMENT_BATCH,
  toCallSegments,
  transcribeRecording,
  type RecordingInput,
  type RecordingResult,
} from './transcribe-recording.ts';
export { NO_SPEECH_PROVIDER, recordingUploads, type RecordingUploadDeps } from './recording-uploads.ts';
