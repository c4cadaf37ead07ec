import type { Call, CallMetrics, CallSummary, Suggestion, SuggestionSignal, TranscriptSegment } from '@sdr/shared';
import type { Prisma } from '../../db/generated/client.ts';

/** Database rows of a call in the contract's shapes. */

type CallRow = Prisma.CallGetPayload<object>;
type SegmentRow = Prisma.TranscriptSegmentGetPayload<object>;
type SuggestionRow = Prisma.SuggestionGetPayload<object>;

export function callView(row: CallRow): Call {
  return {
    id: row.id,
    leadId: row.leadId,
    opportunityId: row.opportunityId,
    userId: row.userId,
    platform: row.platform as Call['platform'],
    externalId: row.externalId,
    status: row.status as Call['status'],
    startedAt: row.startedAt.toISOString(),
    endedAt: row.endedAt?.toISOString() ?? null,
    summary: (row.summary as CallSummary | null) ?? null,
    metrics: (row.metrics as CallMetrics | null) ?? null,
  };
}

export function segmentView(row: SegmentRow): TranscriptSegment {
  return {
    callId: row.callId,
    segmentId: row.segmentId,
    seq: row.seq,
    speaker: row.speaker as TranscriptSegment['speaker'],
    text: row.text,
    startMs: row.startMs,
    endMs: row.endMs,
    final: row.final,
    receivedAt: row.receivedAt.toISOString(),
  };
}

export function suggestionView(row: SuggestionRow): Suggestion {
  return {
    id: row.id,
    callId: row.callId,
    segmentId: row.segmentId,
    kind: row.kind as Suggestion['kind'],
    title: row.title,
    body: row.body,
    source:
      row.sourceCardId && row.sourceSection
        ? { battlecardId: row.sourceCardId, section: row.sourceSection as NonNullable<Suggestion['source']>['section'] }
        : null,
    signal: row.signal as SuggestionSignal,
    tailored: row.tailored,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Cursors of a call's events: the last sequence number seen, opaque to clients. */
export function encodeCursor(seq: number): string {
  return Buffer.from(JSON.stringify({ seq })).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): number | null {
  if (cursor === undefined) return 0;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { seq?: unknown };
    return typeof parsed.seq === 'number' && Number.isInteger(parsed.seq) && parsed.seq >= 0 ? parsed.seq : null;
  } catch {
    return null;
  }
}
