import type { CallMetrics, TranscriptSegmentUpsert } from '@sdr/shared';
import type { PrismaClient } from '../../db/generated/client.ts';
import { GroupedWrites } from '../../db/grouped-writes.ts';
import type { SuggestionDraft } from './suggest.ts';

/** One call's batch: its segments and the suggestions they prompted, with the ids and time they are stored under. */
export interface SegmentWrite {
  tenantId: string;
  callId: string;
  segments: TranscriptSegmentUpsert[];
  drafts: (SuggestionDraft & { segmentId: string })[];
  suggestionIds: string[];
  metrics: CallMetrics;
  stamp: string;
}

/** Batches written together at most: a statement of a few hundred calls' batches stays a few milliseconds. */
const MAX_GROUP = 256;

/**
 * Group commit for the live path. Every call's batch must be durable before watchers are told, and one commit per
 * batch made the disk's flush rate the limit of live calls (each commit waits for its own fsync; 400 segments a second
 * was most of what a small disk commits). Batches arriving while a write is in flight are written together, in one
 * statement and one commit (see GroupedWrites).
 */
export class SegmentWrites {
  private readonly groups: GroupedWrites<SegmentWrite, number | null>;

  constructor(prisma: PrismaClient) {
    this.groups = new GroupedWrites((_, writes) => writeGroup(prisma, writes), { maxGroup: MAX_GROUP });
  }

  /** Stores the batch, taking its sequence numbers from the call; the call's last one, or null if it has ended. */
  write(write: SegmentWrite): Promise<number | null> {
    // One group for all tenants: the statement names each batch's tenant, and the commit is what is shared.
    return this.groups.write('', write);
  }
}

/**
 * Writes several calls' batches in one statement: each call's sequence numbers are taken (its row locked in key
 * order, so two replicas writing the same calls cannot deadlock), the segments upserted and the suggestions inserted,
 * or nothing for a call that has ended meanwhile. Rows arrive as JSON documents, one per table. None of it is
 * audited (see the migration), so no transaction with an actor is needed.
 */
async function writeGroup(prisma: PrismaClient, writes: SegmentWrite[]): Promise<(number | null)[]> {
  const calls = writes.map((w, k) => ({
    k,
    tenant_id: w.tenantId,
    call_id: w.callId,
    count: w.segments.length + w.drafts.length,
    metrics: w.metrics,
  }));
  const segments = writes.flatMap((w, k) =>
    w.segments.map((s, i) => ({
      k,
      pos: i + 1,
      segment_id: s.segmentId,
      speaker: s.speaker,
      text: s.text,
      start_ms: s.startMs,
      end_ms: s.endMs,
      final: s.final,
      stamp: w.stamp,
    })),
  );
  const suggestions = writes.flatMap((w, k) =>
    w.drafts.map((d, i) => ({
      k,
      pos: w.segments.length + i + 1,
      id: w.suggestionIds[i],
      segment_id: d.segmentId,
      kind: d.kind,
      title: d.title,
      body: d.body,
      card: d.source?.battlecardId ?? null,
      section: d.source?.section ?? null,
      signal: d.signal,
      topic: d.topic,
      stamp: w.stamp,
    })),
  );
  const rows = await prisma.$queryRaw<{ k: number; lastSeq: number }[]>`
    WITH input AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(calls)}::jsonb)
        AS i(k int, tenant_id text, call_id text, count int, metrics jsonb)
    ), locked AS (
      SELECT c."tenantId", c."id" FROM "Call" c JOIN input i ON c."tenantId" = i.tenant_id AND c."id" = i.call_id
       WHERE c."status" = 'live'
       ORDER BY c."tenantId", c."id"
         FOR UPDATE OF c
    ), call AS (
      UPDATE "Call" c SET "lastSeq" = c."lastSeq" + i.count, "metrics" = i.metrics
        FROM input i JOIN locked l ON l."tenantId" = i.tenant_id AND l."id" = i.call_id
       WHERE c."tenantId" = l."tenantId" AND c."id" = l."id"
      RETURNING i.k, i.count, c."tenantId", c."id", c."lastSeq"
    ), segments AS (
      INSERT INTO "TranscriptSegment"
        ("tenantId", "callId", "segmentId", "seq", "speaker", "text", "startMs", "endMs", "final", "receivedAt")
      SELECT call."tenantId", call."id", s.segment_id, call."lastSeq" - call.count + s.pos, s.speaker, s.text,
             s.start_ms, s.end_ms, s.final, s.stamp AT TIME ZONE 'UTC'
        FROM jsonb_to_recordset(${JSON.stringify(segments)}::jsonb)
               AS s(k int, pos int, segment_id text, speaker text, text text, start_ms int, end_ms int,
                    final bool, stamp timestamptz)
        JOIN call ON call.k = s.k
      ON CONFLICT ("tenantId", "callId", "segmentId") DO UPDATE
        SET "seq" = EXCLUDED."seq", "speaker" = EXCLUDED."speaker", "text" = EXCLUDED."text",
            "startMs" = EXCLUDED."startMs", "endMs" = EXCLUDED."endMs", "final" = EXCLUDED."final",
            "receivedAt" = EXCLUDED."receivedAt"
    ), suggestions AS (
      INSERT INTO "Suggestion"
        ("tenantId", "id", "callId", "segmentId", "kind", "title", "body", "sourceCardId", "sourceSection",
         "signal", "topic", "seq", "createdAt")
      SELECT call."tenantId", v.id, call."id", v.segment_id, v.kind, v.title, v.body, v.card, v.section,
             v.signal, v.topic, call."lastSeq" - call.count + v.pos, v.stamp AT TIME ZONE 'UTC'
        FROM jsonb_to_recordset(${JSON.stringify(suggestions)}::jsonb)
               AS v(k int, pos int, id text, segment_id text, kind text, title text, body text, card text,
                    section text, signal jsonb, topic text, stamp timestamptz)
        JOIN call ON call.k = v.k
    )
    -- Both inserts run to completion whether or not they are read (PostgreSQL runs data-modifying WITH once).
    SELECT k, "lastSeq" FROM call`;
  const byK = new Map(rows.map((row) => [row.k, row.lastSeq]));
  return writes.map((_, k) => byK.get(k) ?? null);
}
