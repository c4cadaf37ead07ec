import { createHash } from 'node:crypto';
import type { TranscriptSegmentUpsert } from '@sdr/shared';
import type { AudioInput, SpeechPort, TranscribedSegment } from '../../speech/port.ts';
import type { CallSink } from '../call-sink.ts';

/** The sink takes at most this many segments per delivery, as `POST /v1/calls/:id/segments` does. */
export const SEGMENT_BATCH = 500;
// The bounds of a call segment in the public contract.
const MAX_OFFSET_MS = 86_400_000;
const MAX_TEXT = 10_000;

export interface RecordingInput {
  tenantId: string;
  /**
   * The recording's identity, so that uploading it again finds the same call rather than making a second one:
   * `recordingExternalId(audio.data)` for a file.
   */
  externalId: string;
  audio: AudioInput;
  leadId?: string | null;
  userId?: string | null;
  /** The diarized speaker label (`A`, `B`…) that is the rep; by default the first to speak. */
  repSpeaker?: string;
  /** ISO-639-1, when known. */
  language?: string;
  /** When the recorded call began; the call's end is then its start plus the last segment's end. */
  startedAt?: string;
  /** Aborts the transcription (the uploader left); once transcribed, the call is delivered regardless. */
  signal?: AbortSignal;
}

export interface RecordingResult {
  callId: string;
  /** Segments in the transcript, as delivered (or, for a duplicate, as they would have been). */
  segments: number;
  /** The speaker label taken as the rep; null when the transcript has no labels. */
  repSpeaker: string | null;
  /** The recording had been delivered before (its call has ended): nothing was sent to the sink this time. */
  duplicate: boolean;
}

/** The identity of a recording: its SHA-256, so the same bytes always name the same call. */
export function recordingExternalId(data: Buffer): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

/**
 * Which speaker label is the rep: `repSpeaker` when the transcript has that label (exactly, else ignoring case and
 * surrounding spaces), otherwise the first label heard, since a rep's recording usually opens with the rep.
 * Null when no segment is labelled.
 */
export function chooseRepSpeaker(segments: TranscribedSegment[], repSpeaker?: string): string | null {
  const labels = [...new Set(segments.flatMap((s) => (s.speaker === null ? [] : [s.speaker])))];
  if (repSpeaker !== undefined) {
    const wanted = repSpeaker.trim();
    const match =
      labels.find((label) => label === wanted) ?? labels.find((label) => label.toLowerCase() === wanted.toLowerCase());
    if (match !== undefined) return match;
  }
  return labels[0] ?? null;
}

/**
 * The transcript as call segments: in time order, ids `upload-<index>` (the same file gives the same ids, so a
 * re-delivery replaces rather than duplicates), the rep's label as `rep` and every other voice as `prospect`.
 * Segments without a label are `prospect`, as in the platforms' transcripts: a recording whose model does not tell
 * speakers apart is analysed as the prospect's words. Text past the contract's 10,000 characters is cut, and
 * anything more than a day in is dropped.
 */
export function toCallSegments(
  transcribed: TranscribedSegment[],
  repSpeaker?: string,
): { segments: TranscriptSegmentUpsert[]; repSpeaker: string | null } {
  const ordered = transcribed
    .map((segment, order) => ({ segment, order }))
    .sort((a, b) => a.segment.startMs - b.segment.startMs || a.order - b.order)
    .map(({ segment }) => segment)
    .filter((segment) => segment.text.trim() !== '' && segment.endMs <= MAX_OFFSET_MS);
  const rep = chooseRepSpeaker(ordered, repSpeaker);
  const segments = ordered.map((segment, index) => {
    const startMs = Math.max(0, Math.round(segment.startMs));
    return {
      segmentId: `upload-${index}`,
      speaker: rep !== null && segment.speaker === rep ? ('rep' as const) : ('prospect' as const),
      text: segment.text.trim().slice(0, MAX_TEXT).trim(),
      startMs,
      endMs: Math.max(startMs, Math.round(segment.endMs)),
      final: true,
    };
  });
  return { segments, repSpeaker: rep };
}

/**
 * A recorded call into the call pipeline: transcribed first (so a recording the provider refuses leaves no call
 * behind), then started on the sink as an `upload` call, its segments delivered in batches, and ended, which writes
 * its summary. When the sink reports the call already ended, the same recording was delivered before and nothing
 * is sent again. A failure after the start leaves the call live with what arrived; uploading the file again
 * completes it, since the ids repeat.
 */
export async function transcribeRecording(
  deps: { speech: SpeechPort; sink: CallSink },
  input: RecordingInput,
): Promise<RecordingResult> {
  const transcribed = await deps.speech.transcribe(input.audio, {
    ...(input.language ? { language: input.language } : {}),
    ...(input.signal ? { signal: input.signal } : {}),
  });
  const { segments, repSpeaker } = toCallSegments(transcribed, input.repSpeaker);

  const call = await deps.sink.start(input.tenantId, {
    platform: 'upload',
    externalId: input.externalId,
    ...(input.startedAt ? { startedAt: input.startedAt } : {}),
    leadId: input.leadId ?? null,
    userId: input.userId ?? null,
  });
  const result = { callId: call.callId, segments: segments.length, repSpeaker };
  if (call.status === 'ended') return { ...result, duplicate: true };

  for (let start = 0; start < segments.length; start += SEGMENT_BATCH) {
    await deps.sink.segments(input.tenantId, call.callId, segments.slice(start, start + SEGMENT_BATCH));
  }
  const lastEndMs = segments.reduce((max, segment) => Math.max(max, segment.endMs), 0);
  const endedAt = input.startedAt ? new Date(Date.parse(input.startedAt) + lastEndMs).toISOString() : undefined;
  await deps.sink.end(input.tenantId, call.callId, endedAt);
  return { ...result, duplicate: false };
}
