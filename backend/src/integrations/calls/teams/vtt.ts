import { createHash } from 'node:crypto';
import type { TranscriptSegmentUpsert } from '@sdr/shared';

/**
 * WebVTT as Teams transcripts use it: a `WEBVTT` header, then cues whose payload names the speaker in a voice span,
 * `<v Jane Doe>text</v>`. The structure is checked strictly (the header is required; a block that is neither a cue,
 * a NOTE, a STYLE nor a REGION is skipped and reported). Timestamps are read leniently, because Graph's own
 * documented sample writes them as `0:0:0.0` (single digits, one fractional digit) where the standard asks for
 * `00:00:00.000`, and because Graph documents negative offsets for transcription started mid-conversation.
 *
 * A byte-order mark, CRLF or CR line ends, missing blank lines between cues, missing `</v>`, other markup
 * (`<b>`, `<c.x>`, `<lang>`, inline timestamps) and character references are all handled.
 */

/** Cue offsets past a day are out of range for a call segment. */
const MAX_OFFSET_MS = 86_400_000;
const MAX_TEXT = 10_000;
const MAX_SEGMENT_ID = 128;

export class VttFormatError extends Error {
  override readonly name = 'VttFormatError';
}

export interface VttCuePart {
  /** The voice span's annotation (the speaker's display name as Teams writes it); null outside any voice span. */
  voice: string | null;
  /** Markup removed, character references decoded, whitespace (line breaks included) collapsed to single spaces. */
  text: string;
}

export interface VttCue {
  id: string | null;
  startMs: number;
  endMs: number;
  parts: VttCuePart[];
  /** 1-based line of the timing line, for reports. */
  line: number;
}

export interface VttIssue {
  line: number;
  reason: string;
}

export interface ParsedVtt {
  cues: VttCue[];
  /** Blocks that could not be read as cues (bad timing line, id without timing…). */
  skipped: number;
  issues: VttIssue[];
}

const TIMESTAMP = /^(-)?(?:(\d+):)?(\d{1,2}):(\d{1,2})(?:\.(\d{1,3}))?$/;

/** Milliseconds of a cue timestamp, or null when it is not one. */
export function parseTimestamp(text: string): number | null {
  const match = TIMESTAMP.exec(text);
  if (!match) return null;
  const [, minus, hours, minutes, seconds, fraction] = match;
  const m = Number(minutes);
  const s = Number(seconds);
  if (m > 59 || s > 59) return null;
  const ms = fraction ? Number(fraction.padEnd(3, '0')) : 0;
  const total = ((Number(hours ?? 0) * 60 + m) * 60 + s) * 1000 + ms;
  return minus ? -total : total;
}

const isBlank = (line: string) => /^[ \t]*$/.test(line);

/** Reads a WebVTT file into cues; throws `VttFormatError` only when it is not WebVTT at all. */
export function parseVtt(input: string): ParsedVtt {
  const text = input.replace(/^\uFEFF/, '').replaceAll('\0', '\uFFFD');
  const lines = text.split(/\r\n|\r|\n/);
  const header = lines[0] ?? '';
  if (!/^WEBVTT(?:[ \t].*)?$/.test(header)) throw new VttFormatError('The content does not start with WEBVTT');

  const cues: VttCue[] = [];
  const issues: VttIssue[] = [];
  let skipped = 0;
  let i = 1;
  // Header metadata runs to the first blank line; a timing line there starts the cues early, as the standard says.
  while (i < lines.length && !isBlank(lines[i]!) && !lines[i]!.includes('-->')) i++;

  const skipBlock = () => {
    while (i < lines.length && !isBlank(lines[i]!)) i++;
  };

  while (i < lines.length) {
    const first = lines[i]!;
    if (isBlank(first)) {
      i++;
      continue;
    }
    if (/^NOTE(?:[ \t]|$)/.test(first) || /^(?:STYLE|REGION)[ \t]*$/.test(first)) {
      skipBlock();
      continue;
    }
    let id: string | null = null;
    if (!first.includes('-->')) {
      const next = lines[i + 1];
      if (next === undefined || !next.includes('-->')) {
        issues.push({ line: i + 1, reason: 'a block that is neither a cue nor a note' });
        skipped++;
        skipBlock();
        continue;
      }
      id = first.trim();
      i++;
    }
    const timingLine = i + 1;
    const timing = parseTiming(lines[i]!);
    i++;
    if (typeof timing === 'string') {
      issues.push({ line: timingLine, reason: timing });
      skipped++;
      skipBlock();
      continue;
    }
    const payload: string[] = [];
    // A line with an arrow ends the payload even without a blank line: it is the next cue's timing.
    while (i < lines.length && !isBlank(lines[i]!) && !lines[i]!.includes('-->')) payload.push(lines[i++]!);
    cues.push({
      id: id || null,
      startMs: timing.startMs,
      endMs: timing.endMs,
      parts: parsePayload(payload),
      line: timingLine,
    });
  }
  return { cues, skipped, issues };
}

function parseTiming(line: string): { startMs: number; endMs: number } | string {
  const arrow = line.indexOf('-->');
  const start = line.slice(0, arrow).trim();
  const end = line
    .slice(arrow + 3)
    .trim()
    .split(/[ \t]+/)[0];
  const startMs = parseTimestamp(start);
  const endMs = parseTimestamp(end ?? '');
  if (startMs === null || endMs === null) return `unreadable timing line "${line.slice(0, 80)}"`;
  if (endMs < startMs) return 'a cue that ends before it starts';
  return { startMs, endMs };
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00A0',
  lrm: '\u200E',
  rlm: '\u200F',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
        ? String.fromCodePoint(code)
        : '\uFFFD';
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
  });
}

const collapse = (text: string) => text.replace(/[\s\u00A0]+/g, ' ').trim();

/** The payload as voice spans, in order; adjacent spans of the same voice are joined. */
function parsePayload(lines: string[]): VttCuePart[] {
  const source = lines.join('\n');
  const raw: VttCuePart[] = [];
  const voices: (string | null)[] = [];
  const append = (text: string) => {
    const voice = voices.length > 0 ? voices[voices.length - 1]! : null;
    const last = raw[raw.length - 1];
    if (last && last.voice === voice) last.text += text;
    else raw.push({ voice, text });
  };
  const token = /<([^>]*)>|[^<]+|</g;
  for (let match = token.exec(source); match; match = token.exec(source)) {
    const tag = match[1];
    if (tag === undefined) {
      append(decodeEntities(match[0]));
      continue;
    }
    const content = tag.trim();
    if (content.startsWith('/')) {
      // Closing a voice ends it; a missing `</v>` simply lasts to the end of the cue.
      if (content.slice(1).trim() === 'v' && voices.length > 0) voices.pop();
      continue;
    }
    const name = content.split(/[\s.]/)[0];
    if (name === 'v') {
      const annotation = collapse(decodeEntities(content.replace(/^v(?:\.[^\s]*)?/, '')));
      // A new voice without closing the last replaces it rather than nesting: Teams never nests speakers.
      if (voices.length > 0) voices.pop();
      voices.push(annotation || null);
    }
    // Every other tag (b, i, u, c, ruby, rt, lang, inline timestamps) is presentation: its text stays, the tag goes.
  }
  const parts: VttCuePart[] = [];
  for (const part of raw) {
    const text = collapse(part.text);
    if (!text) continue;
    const last = parts[parts.length - 1];
    if (last && last.voice === part.voice) last.text = `${last.text} ${text}`;
    else parts.push({ voice: part.voice, text });
  }
  return parts;
}

// ---------------------------------------------------------------------------------------------------------------

export interface SegmentOptions {
  /** Whether the voice (the speaker's name in `<v …>`) is the tenant's rep; everyone else is the prospect. */
  isRep: (voice: string) => boolean;
  /**
   * Folded into every segment id, so cue ids that repeat across files (`1`, `2`…) do not collide when two
   * transcripts of one meeting land in the same call. Usually the transcript id.
   */
  namespace?: string;
}

export interface VttSegments {
  segments: TranscriptSegmentUpsert[];
  /** Blocks that were not cues plus cues with no text or out of range. */
  skipped: number;
  issues: VttIssue[];
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The distinct voices of the cues, in order of first appearance. */
export function voicesOf(cues: VttCue[]): string[] {
  return [...new Set(cues.flatMap((cue) => cue.parts.flatMap((part) => (part.voice ? [part.voice] : []))))];
}

/**
 * Segments from cues, in time order. A cue with several speakers gives one segment per speaker, sharing its times.
 * Ids come from the cue identifier, or (without one) from a hash of the start time and speaker, so the same file
 * always yields the same ids and a re-delivery replaces rather than duplicates. Negative offsets are shifted so the
 * earliest cue starts at zero, keeping order and durations.
 */
export function cuesToSegments(cues: VttCue[], options: SegmentOptions): VttSegments {
  const issues: VttIssue[] = [];
  let skipped = 0;
  const earliest = cues.reduce((min, cue) => Math.min(min, cue.startMs), 0);
  const shift = earliest < 0 ? -earliest : 0;
  const prefix = options.namespace ? `${sha256(options.namespace).slice(0, 10)}:` : '';
  const seen = new Map<string, number>();
  const segments: (TranscriptSegmentUpsert & { order: number })[] = [];

  for (const cue of cues) {
    const startMs = cue.startMs + shift;
    const endMs = cue.endMs + shift;
    if (endMs > MAX_OFFSET_MS) {
      issues.push({ line: cue.line, reason: 'a cue more than a day into the call' });
      skipped++;
      continue;
    }
    if (cue.parts.length === 0) {
      issues.push({ line: cue.line, reason: 'a cue without text' });
      skipped++;
      continue;
    }
    cue.parts.forEach((part, index) => {
      let base = cue.id ?? `t${sha256(`${cue.startMs}|${part.voice ?? ''}`).slice(0, 20)}`;
      if (cue.id && cue.parts.length > 1) base = `${base}#${index + 1}`;
      if (base.length > MAX_SEGMENT_ID - prefix.length - 8) base = `h${sha256(base).slice(0, 40)}`;
      let segmentId = `${prefix}${base}`;
      const count = (seen.get(segmentId) ?? 0) + 1;
      seen.set(segmentId, count);
      if (count > 1) segmentId = `${segmentId}~${count}`;
      segments.push({
        segmentId,
        speaker: part.voice !== null && options.isRep(part.voice) ? 'rep' : 'prospect',
        text: part.text.slice(0, MAX_TEXT).trim(),
        startMs,
        endMs,
        final: true,
        order: segments.length,
      });
    });
  }
  segments.sort((a, b) => a.startMs - b.startMs || a.order - b.order);
  return { segments: segments.map(({ order: _order, ...segment }) => segment), skipped, issues };
}

/** `parseVtt` then `cuesToSegments`, counting both kinds of skipped block. */
export function vttToSegments(input: string, options: SegmentOptions): VttSegments {
  const parsed = parseVtt(input);
  const converted = cuesToSegments(parsed.cues, options);
  return {
    segments: converted.segments,
    skipped: parsed.skipped + converted.skipped,
    issues: [...parsed.issues, ...converted.issues].sort((a, b) => a.line - b.line),
  };
}
