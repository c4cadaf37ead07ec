import { analyseSegment, type SegmentSignals } from './analyse-segment.ts';
import type { CompetitorMatcher } from './competitor-mentions.ts';
import { findQuestions } from './questions.ts';
import type { Segment, Speaker } from './segment.ts';

export interface ConversationMetrics {
  repTalkMs: number;
  prospectTalkMs: number;
  /** The rep's share of the talk time; null until anyone has spoken. */
  repTalkRatio: number | null;
  /** The longest run of one speaker, pauses of up to MONOLOGUE_GAP_MS included. */
  longestMonologue: { speaker: Speaker; ms: number } | null;
  /** The prospect's sentiment, exponentially smoothed, one point per final prospect segment, the last TREND_POINTS. */
  sentimentTrend: number[];
  questionsAsked: { rep: number; prospect: number };
}

/** A pause longer than this ends a monologue, even when the same person speaks next. */
export const MONOLOGUE_GAP_MS = 2_000;
/** Weight of the newest segment in the sentiment trend: about the last five segments dominate. */
export const TREND_SMOOTHING = 0.3;
export const TREND_POINTS = 20;

const NO_COMPETITORS: CompetitorMatcher = { find: () => [] };

/** What the metrics need from a segment; the text itself is not kept. */
interface Counted {
  id: string;
  speaker: Speaker;
  startMs: number;
  endMs: number;
  final: boolean;
  sentiment: number;
  questions: number;
}

/**
 * One live call. `apply` takes each segment as the transcriber sends it and returns its signals; a segment with a
 * known id replaces the earlier version (an interim replaced by its final, or a corrected final), so nothing is
 * counted twice.
 *
 * Only final segments count in the metrics: interim text is rewritten several times a second and its timings
 * shift, so counting it would make talk time and the sentiment trend jump back and forth. The cost is that the
 * metrics trail the live audio by the transcriber's finalisation delay. An interim arriving after the final of the
 * same segment (out-of-order delivery) is analysed but does not replace the final.
 */
export class ConversationState {
  private readonly byId = new Map<string, Counted>();
  /** Final segments in start order. */
  private readonly finals: Counted[] = [];
  private readonly talkMs = { rep: 0, prospect: 0 };
  private readonly questions = { rep: 0, prospect: 0 };

  private readonly matcher: CompetitorMatcher;

  /** Without a matcher, the signals `apply` returns carry no competitor mentions; the metrics do not need them. */
  constructor(matcher: CompetitorMatcher = NO_COMPETITORS) {
    this.matcher = matcher;
  }

  apply(segment: Segment): SegmentSignals {
    const signals = analyseSegment(segment, this.matcher);
    const previous = this.byId.get(segment.segmentId);
    if (previous?.final && !segment.final) return signals;
    if (previous) this.uncount(previous);

    const counted: Counted = {
      id: segment.segmentId,
      speaker: segment.speaker,
      startMs: segment.startMs,
      endMs: Math.max(segment.startMs, segment.endMs),
      final: segment.final,
      sentiment: signals.sentiment,
      // analyseSegment asks only the prospect's questions; the rep's are counted here for the metrics.
      questions: !segment.final
        ? 0
        : segment.speaker === 'prospect'
          ? signals.questions.length
          : findQuestions(segment.text).length,
    };
    this.byId.set(counted.id, counted);
    if (counted.final) this.count(counted);
    return signals;
  }

  metrics(): ConversationMetrics {
    const { rep, prospect } = this.talkMs;
    return {
      repTalkMs: Math.round(rep),
      prospectTalkMs: Math.round(prospect),
      repTalkRatio: rep + prospect > 0 ? rep / (rep + prospect) : null,
      longestMonologue: this.longestMonologue(),
      sentimentTrend: this.sentimentTrend(),
      questionsAsked: { ...this.questions },
    };
  }

  private count(segment: Counted) {
    this.talkMs[segment.speaker] += segment.endMs - segment.startMs;
    this.questions[segment.speaker] += segment.questions;
    // Segments nearly always arrive in order, so the insertion point is found from the end.
    let i = this.finals.length;
    while (i > 0 && this.finals[i - 1]!.startMs > segment.startMs) i--;
    this.finals.splice(i, 0, segment);
  }

  private uncount(segment: Counted) {
    if (!segment.final) return;
    this.talkMs[segment.speaker] -= segment.endMs - segment.startMs;
    this.questions[segment.speaker] -= segment.questions;
    const i = this.finals.lastIndexOf(segment);
    if (i >= 0) this.finals.splice(i, 1);
  }

  private longestMonologue(): ConversationMetrics['longestMonologue'] {
    let longest: { speaker: Speaker; ms: number } | null = null;
    let run: { speaker: Speaker; startMs: number; endMs: number } | null = null;
    const close = () => {
      if (run && (!longest || run.endMs - run.startMs > longest.ms))
        longest = { speaker: run.speaker, ms: Math.round(run.endMs - run.startMs) };
    };
    for (const s of this.finals) {
      if (run && run.speaker === s.speaker && s.startMs - run.endMs <= MONOLOGUE_GAP_MS) {
        run.endMs = Math.max(run.endMs, s.endMs);
        continue;
      }
      close();
      run = { speaker: s.speaker, startMs: s.startMs, endMs: s.endMs };
    }
    close();
    return longest;
  }

  private sentimentTrend(): number[] {
    const trend: number[] = [];
    let smoothed: number | null = null;
    for (const s of this.finals) {
      if (s.speaker !== 'prospect') continue;
      smoothed = smoothed === null ? s.sentiment : TREND_SMOOTHING * s.sentiment + (1 - TREND_SMOOTHING) * smoothed;
      trend.push(Math.round(smoothed * 1000) / 1000);
    }
    return trend.slice(-TREND_POINTS);
  }
}
