/**
 * The provider's transcript as our segments. Replies are checked rather than trusted: a compatible server may
 * leave fields out or answer in another format than asked, and times arrive as float seconds.
 */
import { z } from 'zod';
import { SpeechOutputError } from './errors.ts';
import type { TranscribedSegment } from './port.ts';

/** The response formats that carry segment times: whisper's `verbose_json`, the diarizing models' `diarized_json`. */
export type TranscriptFormat = 'verbose_json' | 'diarized_json';

const Seconds = z.number().finite();

const Segment = z.object({ start: Seconds, end: Seconds, text: z.string() });

const VerboseReply = z.object({
  text: z.string().optional(),
  duration: Seconds.optional(),
  segments: z.array(Segment).nullish(),
});

const DiarizedReply = z.object({
  segments: z.array(Segment.extend({ speaker: z.string().nullish() })),
});

function problemOf(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.') || 'reply'}: ${issue.message}` : 'not a transcript';
}

const toMs = (seconds: number) => Math.max(0, Math.round(seconds * 1000));

interface RawSegment {
  start: number;
  end: number;
  text: string;
  speaker?: string | null | undefined;
}

/**
 * Segments as the port promises them: whole milliseconds, never negative, ends not before starts, text trimmed,
 * silent (empty) segments dropped, in time order (the provider's order among equal starts).
 */
export function normalise(raw: RawSegment[]): TranscribedSegment[] {
  return raw
    .map((segment) => {
      const startMs = toMs(segment.start);
      return {
        startMs,
        endMs: Math.max(startMs, toMs(segment.end)),
        text: segment.text.trim(),
        speaker: segment.speaker?.trim() || null,
      };
    })
    .filter((segment) => segment.text !== '')
    .map((segment, order) => ({ segment, order }))
    .sort((a, b) => a.segment.startMs - b.segment.startMs || a.order - b.order)
    .map(({ segment }) => segment);
}

/** The segments of a reply in `format`; throws `SpeechOutputError` when it is not one. */
export function readTranscript(reply: unknown, format: TranscriptFormat): TranscribedSegment[] {
  if (format === 'diarized_json') {
    const parsed = DiarizedReply.safeParse(reply);
    if (!parsed.success) throw new SpeechOutputError(`not diarized_json (${problemOf(parsed.error)})`);
    return normalise(parsed.data.segments);
  }
  const parsed = VerboseReply.safeParse(reply);
  if (!parsed.success) throw new SpeechOutputError(`not verbose_json (${problemOf(parsed.error)})`);
  const { segments, text, duration } = parsed.data;
  if (segments) return normalise(segments);
  // A server that ignores segment timestamps still gives the text: one segment for the whole recording.
  if (text === undefined) throw new SpeechOutputError('not verbose_json (neither segments nor text)');
  return normalise([{ start: 0, end: duration ?? 0, text }]);
}
