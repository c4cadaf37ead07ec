import { dueOf } from './time-phrases.ts';
import { phrasePattern } from './phrase-pattern.ts';
import type { Speaker } from './segment.ts';

export interface Commitment {
  /** The words of the commitment, up to the end of its clause. */
  match: string;
  /** Who is to act. */
  owner: Speaker;
  /** The time phrase it is due by, as said ("by Friday", "next week"), if any. */
  due: string | null;
  /** Offset of `match` in the text. */
  index: number;
}

const ADVERBS = String.raw`(?:(?:also|just|then|definitely|certainly|quickly|happily|personally|now|first|right away|straight away|go ahead and|make sure to|try and|try to|need to|have to|be able to|be sure to|aim to)\s+)*`;

/** Next-step actions. "Tell", "say", "be", "think" and "see" are absent: "I'll be honest", "we'll see". */
const ACTION = String.raw`(?:send|email|e-mail|share|forward|drop|pop|get|follow up|call|ring|phone|give you a|book|schedule|set up|arrange|organi[sz]e|put together|prepare|check|loop|introduce|speak|talk|chat|meet|run (?:it|this|that|things)|confirm|look into|have a look|take a look|sort|draft|pull together|come back|circle back|reach out|touch base|invite|review|sign|update|let you know|ping|ask|raise|discuss|demo|show|walk you through|run you through|pencil|block out|find (?:a|some) time|catch up|come over|visit)\b`;

/** Joint next steps proposed with "let's" or "can we": arranging to meet or speak, not just any verb. */
const ARRANGE = String.raw`(?:(?:schedule|book|set up|arrange|organi[sz]e|pencil in|put in|get|find|fix|lock in|line up|plan)\s+(?:in\s+)?(?:(?:a|an|another|the|some|our|that|this|a quick|quick|follow[- ]up|proper|short|full)\s+)*(?:time|call|demo|meeting|follow[- ]?up|chat|session|trial|pilot|catch[- ]?up|slot|date|visit|workshop|review|presentation|walk-?through)|(?:have|do|jump on|hop on)\s+(?:a|another|the)\s+(?:quick\s+)?(?:call|demo|meeting|chat|follow[- ]?up|trial|pilot)|catch up|reconvene|touch base|follow up|circle back|regroup|meet|(?:speak|talk|chat)(?!\s+about))\b`;

const FIRST_PERSON = `(?:I|we)(?:'ll| will| shall| can| am going to|'m going to| are going to|'re going to|'d be happy to| would be happy to|'m happy to| am happy to|'re happy to| are happy to) ${ADVERBS}${ACTION}|let me ${ADVERBS}${ACTION}`;
const JOINT = `(?:let's|let us|can we|could we|shall we|should we|how about we|what about we|why don't we|maybe we can|maybe we could|perhaps we can|perhaps we could|we should) ${ADVERBS}${ARRANGE}`;
/** The other side's next step stated back to them: "you'll send me the pricing", said by the prospect. */
const SECOND_PERSON = `you(?:'ll| will| are going to|'re going to) ${ADVERBS}(?:send|email|share|forward|book|schedule|set up|arrange|get back|come back|call|ring|follow up|put together|prepare|check|speak|talk)\\b`;

const TRIGGERS: [RegExp, 'self' | 'other'][] = [
  [phrasePattern(`${FIRST_PERSON}|${JOINT}`), 'self'],
  [phrasePattern(SECOND_PERSON), 'other'],
];

const CLAUSE_END = /[.!?;]|,?\s+but\s|\s+(?:although|though|unless)\s/g;
const TRAILING_JOIN = /[\s,]*(?:\b(?:and|and then|then|so|or)\b)?[\s,]*$/i;
const MAX_CHARS = 200;

/**
 * Next-step commitments in one speaker's words: "I'll send you the proposal by Friday", "let's book a demo",
 * "we'll get back to you next week", "can we schedule a call for Tuesday". The owner is the speaker for first
 * person ("I", "we", "let's": whoever proposes a joint step is the one holding it), the other side for "you'll".
 * Requests ("can you send me...") are not commitments until the other side takes them up. A negated form ("I won't
 * be able to send it") does not match.
 */
export function findCommitments(text: string, speaker: Speaker): Commitment[] {
  const starts: { index: number; owner: Speaker }[] = [];
  const other: Speaker = speaker === 'rep' ? 'prospect' : 'rep';
  for (const [pattern, who] of TRIGGERS) {
    pattern.lastIndex = 0;
    for (const m of text.matchAll(pattern)) starts.push({ index: m.index, owner: who === 'self' ? speaker : other });
  }
  starts.sort((a, b) => a.index - b.index);

  const found: Commitment[] = [];
  for (let i = 0; i < starts.length; i++) {
    const { index, owner } = starts[i]!;
    let end = Math.min(text.length, index + MAX_CHARS, starts[i + 1]?.index ?? Infinity);
    CLAUSE_END.lastIndex = index;
    const stop = CLAUSE_END.exec(text);
    if (stop && stop.index < end) end = stop.index;
    const match = text.slice(index, end).replace(TRAILING_JOIN, '');
    found.push({ match, owner, due: dueOf(match), index });
  }
  return found;
}
