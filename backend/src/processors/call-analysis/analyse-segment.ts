import { findCommitments, type Commitment } from './commitments.ts';
import type { CompetitorMatcher, Mention } from './competitor-mentions.ts';
import { findObjections, type Objection } from './objections.ts';
import { findQuestions, type Question } from './questions.ts';
import type { Segment } from './segment.ts';
import { sentimentOf } from './sentiment.ts';

export interface SegmentSignals {
  mentions: Mention[];
  /** Prospect speech only: the rep voicing an objection is handling it. */
  objections: Objection[];
  /** Prospect speech only: what the prospect wants answered. */
  questions: Question[];
  commitments: Commitment[];
  sentiment: number;
}

/**
 * Everything read from one transcript segment, synchronously and without I/O. Interim segments are analysed like
 * final ones and nothing marks them: the caller knows `segment.final` and decides whether to show a signal that
 * may change (ConversationState counts only final segments in its metrics).
 */
export function analyseSegment(segment: Segment, matcher: CompetitorMatcher): SegmentSignals {
  const { text, speaker } = segment;
  const mentions = matcher.find(text);
  const prospect = speaker === 'prospect';
  return {
    mentions,
    objections: prospect ? findObjections(text, mentions) : [],
    questions: prospect ? findQuestions(text) : [],
    commitments: findCommitments(text, speaker),
    sentiment: sentimentOf(text),
  };
}
