import { randomUUID } from 'node:crypto';
import type {
  Call,
  CallEvents,
  CallMetrics,
  CallStart,
  SegmentIngestResult,
  Suggestion,
  TranscriptSegment,
  TranscriptSegmentUpsert,
} from '@sdr/shared';
import type { Clock } from '../../clock.ts';
import { AgentProblem } from '../agent-problem.ts';
import { Prisma, type PrismaClient } from '../../db/generated/client.ts';
import type { TenantDb } from '../../db/tenant-db.ts';
import type { EventBus } from '../../fan-out/event-bus.ts';
import type { Logger } from '../../logger.ts';
import type { CompetitorMatcher } from '../../processors/call-analysis/competitor-mentions.ts';
import { ConversationState } from '../../processors/call-analysis/conversation.ts';
import { readSettings } from '../../tenancy/settings.ts';
import { tenantCache } from '../../tenancy/tenant-cache.ts';
import type { CardIndexes } from './battlecard-index.ts';
import { callView, encodeCursor, segmentView, suggestionView } from './call-views.ts';
import { SegmentWrites } from './segment-writes.ts';
import { suggestFor, type SuggestionDraft } from './suggest.ts';

/**
 * The live-call assistant: segments in, analysis and suggestions out, to everyone watching the call.
 *
 * Each call's segments are worked one batch at a time, in arrival order, against the call's state held in memory
 * (the conversation so far, which suggestions were shown when): nothing on this path reads the database but the one
 * statement that stores the batch (committed together with other calls' batches). It takes the batch's sequence
 * numbers from the call row, so cursors are one number and replicas sharing a call never hand out the same one. A replica that has not seen the
 * call yet rebuilds its state from the stored segments.
 */

interface CallState {
  status: 'live' | 'ended';
  /** The tenant's competitors as they were when the state was built: a new list rebuilds the state. */
  matcher: CompetitorMatcher;
  conversation: ConversationState;
  segments: Map<string, { speaker: string; text: string; startMs: number; endMs: number; final: boolean }>;
  /** When (call time, ms) each topic was last suggested. */
  shown: Map<string, number>;
  inPlay: Set<string>;
  usedAt: number;
}

/** What one stored batch tells watchers: the same shape a long-poll returns. */
export type CallUpdate = Omit<CallEvents, 'cursor'> & { seq: number };

const STATE_IDLE_MS = 30 * 60_000;
const PAGE = 1000;

export interface LiveCallDeps {
  prisma: PrismaClient;
  bus: EventBus;
  cardIndexes: CardIndexes;
  clock: Clock;
  logger: Logger;
  /** Suggestions just stored, for the LLM to add a tailored line to (without holding up the rules path). */
  onSuggestions?: (
    tenantId: string,
    callId: string,
    suggestions: Suggestion[],
    recent: () => { speaker: string; text: string }[],
  ) => void;
  /** A call started or ended, for the CRM's own event (a Salesforce Platform Event). */
  onCallState?: (tenantId: string, call: Call) => void;
}

export const callChannel = (tenantId: string, callId: string) => `call:${tenantId}:${callId}`;

export class LiveCalls {
  private readonly deps: LiveCallDeps;
  private readonly states = new Map<string, CallState>();
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly sweeper: NodeJS.Timeout;
  private readonly writes: SegmentWrites;

  constructor(deps: LiveCallDeps) {
    this.deps = deps;
    this.writes = new SegmentWrites(deps.prisma);
    this.sweeper = setInterval(() => this.sweep(), 60_000);
    this.sweeper.unref();
  }

  close(): void {
    clearInterval(this.sweeper);
    this.states.clear();
  }

  async start(tenant: TenantDb, input: CallStart, userId: string | null): Promise<{ call: Call; created: boolean }> {
    const client = tenant.client;
    if (input.externalId) {
      const existing = await client.call.findFirst({
        where: { platform: input.platform, externalId: input.externalId },
      });
      if (existing) return { call: callView(existing), created: false };
    }
    try {
      const row = await tenant.write((tx) =>
        tx.call.create({
          data: {
            id: randomUUID(),
            platform: input.platform,
            externalId: input.externalId ?? null,
            leadId: input.leadId ?? null,
            opportunityId: input.opportunityId ?? null,
            userId: input.userId ?? userId,
            startedAt: input.startedAt ? new Date(input.startedAt) : this.deps.clock.now(),
            status: 'live',
          } as Prisma.CallUncheckedCreateInput,
        }),
      );
      const call = callView(row);
      // A new call has said nothing yet: its state starts empty here rather than being read back at its first
      // segment, which spares the database a burst of reads when many calls start at once.
      const knowledge = await this.deps.cardIndexes.forTenant(tenant.tenantId);
      this.states.set(stateKey(tenant.tenantId, call.id), emptyState('live', knowledge.matcher));
      this.deps.onCallState?.(tenant.tenantId, call);
      return { call, created: true };
    } catch (error) {
      // Two starts of the same platform call at once: the second gets the first's call.
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002' && input.externalId) {
        const existing = await client.call.findFirst({
          where: { platform: input.platform, externalId: input.externalId },
        });
        if (existing) return { call: callView(existing), created: false };
      }
      throw error;
    }
  }

  /** Ends the call (once; ending it again returns it as it is) and tells its watchers. */
  async end(
    tenant: TenantDb,
    callId: string,
    endedAt: Date | null,
    summarise: (segments: TranscriptSegment[], call: Call) => Promise<Call['summary']>,
  ): Promise<Call> {
    return this.serial(tenant.tenantId, callId, async () => {
      const row = await tenant.client.call.findFirst({ where: { id: callId } });
      if (!row) throw new AgentProblem(404, 'No call with this id for your tenant');
      if (row.status === 'ended') return callView(row);
      const segments = await tenant.client.transcriptSegment.findMany({
        where: { callId },
        orderBy: { startMs: 'asc' },
      });
      const summary = await summarise(segments.map(segmentView), callView(row));
      const stored = await tenant.write(async (tx) => {
        const [seqRow] = await tx.$queryRaw<{ lastSeq: number }[]>`
          UPDATE "Call" SET "lastSeq" = "lastSeq" + 1 WHERE "tenantId" = ${tenant.tenantId} AND "id" = ${callId}
          RETURNING "lastSeq"`;
        const updated = await tx.call.update({
          where: { tenantId_id: { tenantId: tenant.tenantId, id: callId } },
          data: {
            status: 'ended',
            endedAt: endedAt ?? this.deps.clock.now(),
            summary: (summary ?? Prisma.DbNull) as Prisma.InputJsonValue,
          },
        });
        return { updated, seq: seqRow!.lastSeq };
      });
      const call = callView(stored.updated);
      this.states.delete(stateKey(tenant.tenantId, callId));
      await this.publish(tenant.tenantId, {
        seq: stored.seq,
        callId,
        callStatus: 'ended',
        segments: [],
        suggestions: [],
        metrics: call.metrics,
        summary: call.summary,
      });
      this.deps.onCallState?.(tenant.tenantId, call);
      return call;
    });
  }

  /**
   * Stores a batch of segments and what they prompted. A segment sent again unchanged is counted and ignored; one
   * sent again changed (an interim replaced by its final, a correction) replaces the stored one and is told to
   * watchers again under a new sequence number.
   */
  async ingest(tenant: TenantDb, callId: string, batch: TranscriptSegmentUpsert[]): Promise<SegmentIngestResult> {
    return this.serial(tenant.tenantId, callId, async () => {
      const key = stateKey(tenant.tenantId, callId);
      const [knowledge, settings] = await Promise.all([
        this.deps.cardIndexes.forTenant(tenant.tenantId),
        this.settings(tenant),
      ]);
      const state = await this.state(tenant, callId, knowledge.matcher);
      if (state.status === 'ended') throw new AgentProblem(409, 'The call has ended; it takes no more segments');
      let added = 0;
      let replaced = 0;
      const changed: TranscriptSegmentUpsert[] = [];
      for (const segment of batch) {
        const before = state.segments.get(segment.segmentId);
        if (before && sameSegment(before, segment)) continue;
        if (before) replaced += 1;
        else added += 1;
        changed.push(segment);
      }
      const unchanged = batch.length - changed.length;
      if (changed.length === 0) return { added, replaced, unchanged, suggestions: [] };

      const drafts: (SuggestionDraft & { segmentId: string })[] = [];
      try {
        for (const segment of changed) {
          state.segments.set(segment.segmentId, { ...segment });
          const analysis = state.conversation.apply(segment);
          // Suggestions come from what was finally said; interim words are shown but not acted on.
          if (!segment.final) continue;
          for (const mention of analysis.mentions) state.inPlay.add(mention.competitorId);
          const heard = { ...segment, ...analysis };
          for (const draft of suggestFor(heard, knowledge, knowledge.competitorNames, state.inPlay)) {
            const last = state.shown.get(draft.topic);
            if (last !== undefined && segment.startMs - last < settings.repeatWindowMs) continue;
            state.shown.set(draft.topic, segment.startMs);
            drafts.push({ ...draft, segmentId: segment.segmentId });
          }
        }
        const metrics = state.conversation.metrics() as CallMetrics;
        const stored = await this.store(tenant, callId, changed, drafts, metrics);
        const suggestions = stored.suggestions;
        await this.publish(tenant.tenantId, {
          seq: stored.lastSeq,
          callId,
          callStatus: 'live',
          segments: stored.segments,
          suggestions,
          metrics,
          summary: null,
        });
        if (suggestions.length > 0)
          this.deps.onSuggestions?.(tenant.tenantId, callId, suggestions, () => recentLines(state));
        return { added, replaced, unchanged, suggestions };
      } catch (error) {
        // The state went ahead of what was stored: the next batch rebuilds it from the database.
        this.states.delete(key);
        throw error;
      }
    });
  }

  /**
   * Stores a batch: the call's sequence numbers are taken, the segments upserted and the suggestions inserted
   * together (in one commit with other calls' batches; see segment-writes.ts), or nothing when the call has ended.
   */
  private async store(
    tenant: TenantDb,
    callId: string,
    segments: TranscriptSegmentUpsert[],
    drafts: (SuggestionDraft & { segmentId: string })[],
    metrics: CallMetrics,
  ) {
    const count = segments.length + drafts.length;
    const stamp = this.deps.clock.now().toISOString();
    const ids = drafts.map(() => randomUUID());
    const lastSeq = await this.writes.write({
      tenantId: tenant.tenantId,
      callId,
      segments,
      drafts,
      suggestionIds: ids,
      metrics,
      stamp,
    });
    if (lastSeq === null) throw new AgentProblem(409, 'The call has ended; it takes no more segments');
    const first = lastSeq - count + 1;
    return {
      lastSeq,
      segments: segments.map((segment, i) => ({ ...segment, callId, seq: first + i, receivedAt: stamp })),
      suggestions: drafts.map((draft, i): Suggestion => ({
        id: ids[i]!,
        callId,
        segmentId: draft.segmentId,
        kind: draft.kind,
        title: draft.title,
        body: draft.body,
        source: draft.source,
        signal: draft.signal,
        tailored: null,
        createdAt: stamp,
      })),
    };
  }

  /** Adds the LLM's line to a suggestion already out, and tells watchers under a new sequence number. */
  async addTailored(tenant: TenantDb, callId: string, suggestionId: string, line: string): Promise<void> {
    await this.serial(tenant.tenantId, callId, async () => {
      const stored = await tenant.write(async (tx) => {
        const [row] = await tx.$queryRaw<{ lastSeq: number }[]>`
          UPDATE "Call" SET "lastSeq" = "lastSeq" + 1 WHERE "tenantId" = ${tenant.tenantId} AND "id" = ${callId}
          RETURNING "lastSeq"`;
        if (!row) return null;
        const updated = await tx.suggestion.update({
          where: { tenantId_id: { tenantId: tenant.tenantId, id: suggestionId } },
          data: { tailored: line, seq: row.lastSeq },
        });
        return { seq: row.lastSeq, suggestion: suggestionView(updated) };
      });
      if (!stored) return;
      const call = await tenant.client.call.findFirst({ where: { id: callId }, select: { status: true } });
      await this.publish(tenant.tenantId, {
        seq: stored.seq,
        callId,
        callStatus: (call?.status ?? 'live') as Call['status'],
        segments: [],
        suggestions: [stored.suggestion],
        metrics: null,
        summary: null,
      });
    });
  }

  /** What happened after `afterSeq`, up to a page; the cursor moves past what was returned. */
  async eventsAfter(tenant: TenantDb, callId: string, afterSeq: number): Promise<CallEvents> {
    const call = await tenant.client.call.findFirst({ where: { id: callId } });
    if (!call) throw new AgentProblem(404, 'No call with this id for your tenant');
    const upTo = Math.min(call.lastSeq, afterSeq + PAGE);
    const range = { gt: afterSeq, lte: upTo };
    const [segments, suggestions] =
      upTo > afterSeq
        ? await Promise.all([
            tenant.client.transcriptSegment.findMany({ where: { callId, seq: range }, orderBy: { seq: 'asc' } }),
            tenant.client.suggestion.findMany({ where: { callId, seq: range }, orderBy: { seq: 'asc' } }),
          ])
        : [[], []];
    const view = callView(call);
    return {
      callId,
      callStatus: view.status,
      segments: segments.map(segmentView),
      suggestions: suggestions.map(suggestionView),
      metrics: view.metrics,
      summary: view.summary,
      cursor: encodeCursor(Math.max(upTo, afterSeq)),
    };
  }

  /**
   * The long-poll: what happened after the cursor, or, when nothing has, the first thing that does within
   * `waitMs` (an empty page when nothing does). Subscribed before looking, so nothing slips between the two.
   */
  async waitForEvents(
    tenant: TenantDb,
    callId: string,
    afterSeq: number,
    waitMs: number,
    signal: AbortSignal,
  ): Promise<CallEvents> {
    let wake: () => void = () => {};
    const woken = new Promise<void>((resolve) => (wake = resolve));
    const unsubscribe = await this.deps.bus.subscribe(callChannel(tenant.tenantId, callId), () => wake());
    const timer = setTimeout(wake, waitMs);
    signal.addEventListener('abort', wake, { once: true });
    try {
      const now = await this.eventsAfter(tenant, callId, afterSeq);
      if (waitMs === 0 || now.callStatus === 'ended' || now.segments.length + now.suggestions.length > 0) return now;
      await woken;
      return await this.eventsAfter(tenant, callId, afterSeq);
    } finally {
      clearTimeout(timer);
      signal.removeEventListener('abort', wake);
      await unsubscribe();
    }
  }

  subscribe(tenantId: string, callId: string, listener: (update: CallUpdate) => void) {
    return this.deps.bus.subscribe(callChannel(tenantId, callId), (message) => {
      listener(JSON.parse(message) as CallUpdate);
    });
  }

  private async publish(tenantId: string, update: CallUpdate): Promise<void> {
    try {
      await this.deps.bus.publish(callChannel(tenantId, update.callId), JSON.stringify(update));
    } catch (error) {
      // Stored already: watchers catch up from the database through their cursor.
      this.deps.logger.warn({ err: error, callId: update.callId }, 'call update not published');
    }
  }

  private async state(tenant: TenantDb, callId: string, matcher: CompetitorMatcher): Promise<CallState> {
    const key = stateKey(tenant.tenantId, callId);
    const cached = this.states.get(key);
    if (cached && cached.matcher === matcher) {
      cached.usedAt = Date.now();
      return cached;
    }
    const call = await tenant.client.call.findFirst({ where: { id: callId }, select: { status: true } });
    if (!call) throw new AgentProblem(404, 'No call with this id for your tenant');
    const [segments, shown] = await Promise.all([
      tenant.client.transcriptSegment.findMany({ where: { callId }, orderBy: { seq: 'asc' } }),
      tenant.client.suggestion.findMany({
        where: { callId },
        select: { topic: true, segmentId: true, signal: true },
        orderBy: { seq: 'asc' },
      }),
    ]);
    const state = emptyState(call.status as CallState['status'], matcher);
    for (const row of segments) {
      const segment = {
        segmentId: row.segmentId,
        speaker: row.speaker as 'rep' | 'prospect',
        text: row.text,
        startMs: row.startMs,
        endMs: row.endMs,
        final: row.final,
      };
      state.segments.set(row.segmentId, segment);
      state.conversation.apply(segment);
    }
    for (const row of shown) {
      const at = state.segments.get(row.segmentId)?.startMs ?? 0;
      state.shown.set(row.topic, at);
      const competitorId = (row.signal as { competitorId?: string | null }).competitorId;
      if (competitorId) state.inPlay.add(competitorId);
    }
    this.states.set(key, state);
    return state;
  }

  private readonly settingsCache = tenantCache<{ at: number; repeatWindowMs: number }>();

  private async settings(tenant: TenantDb): Promise<{ repeatWindowMs: number }> {
    const cached = this.settingsCache.get(tenant.tenantId);
    if (cached && Date.now() - cached.at < 5_000) return cached;
    const settings = await readSettings(tenant.client);
    const fresh = { at: Date.now(), repeatWindowMs: settings.assistant.repeatWindowSeconds * 1000 };
    this.settingsCache.set(tenant.tenantId, fresh);
    return fresh;
  }

  /** One batch at a time per call, in arrival order. */
  private serial<T>(tenantId: string, callId: string, work: () => Promise<T>): Promise<T> {
    const key = stateKey(tenantId, callId);
    const previous = this.queues.get(key) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.then(
      () => undefined,
      () => undefined,
    );
    this.queues.set(key, settled);
    void settled.then(() => {
      if (this.queues.get(key) === settled) this.queues.delete(key);
    });
    return next;
  }

  private sweep(): void {
    const idle = Date.now() - STATE_IDLE_MS;
    for (const [key, state] of this.states) if (state.usedAt < idle) this.states.delete(key);
  }
}

function emptyState(status: CallState['status'], matcher: CompetitorMatcher): CallState {
  return {
    status,
    matcher,
    conversation: new ConversationState(matcher),
    segments: new Map(),
    shown: new Map(),
    inPlay: new Set(),
    usedAt: Date.now(),
  };
}

/** The last few things said, for the LLM's tailored line. */
function recentLines(state: CallState): { speaker: string; text: string }[] {
  return [...state.segments.values()]
    .filter((segment) => segment.final)
    .sort((a, b) => a.startMs - b.startMs)
    .slice(-6)
    .map((segment) => ({ speaker: segment.speaker, text: segment.text }));
}

const stateKey = (tenantId: string, callId: string) => `${tenantId}:${callId}`;

function sameSegment(
  stored: { speaker: string; text: string; startMs: number; endMs: number; final: boolean },
  incoming: TranscriptSegmentUpsert,
): boolean {
  return (
    stored.speaker === incoming.speaker &&
    stored.text === incoming.text &&
    stored.startMs === incoming.startMs &&
    stored.endMs === incoming.endMs &&
    stored.final === incoming.final
  );
}
