import { analyseSegment } from '../../../src/processors/call-analysis/analyse-segment.ts';
import { TranscriptSegmentUpsert } from '@sdr/shared';
import type { Segment } from '../../../src/processors/call-analysis/segment.ts';
import { matcher } from './competitors.ts';

const segment = (speaker: Segment['speaker'], text: string, final = true): Segment => ({
  segmentId: 's1',
  speaker,
  text,
  startMs: 0,
  endMs: 4_000,
  final,
});

describe('analyseSegment', () => {
  it('reads everything from a prospect turn', () => {
    const signals = analyseSegment(
      segment(
        'prospect',
        "Trakwell is cheaper, to be honest. How much is yours per van? I'll check with my boss and get back to you next week.",
      ),
      matcher,
    );
    expect(signals.mentions.map((m) => m.competitorId)).toEqual(['trakwell']);
    expect(signals.objections.map((o) => o.kind)).toEqual(['competitor', 'price', 'authority']);
    expect(signals.questions).toEqual([{ match: 'How much is yours per van?', topic: 'pricing', index: 35 }]);
    expect(signals.commitments).toEqual([
      {
        match: "I'll check with my boss and get back to you next week",
        owner: 'prospect',
        due: 'next week',
        index: 62,
      },
    ]);
    expect(signals.sentiment).toBeGreaterThanOrEqual(-1);
  });

  it('reads no objections or questions into the rep’s words, but mentions and commitments', () => {
    const signals = analyseSegment(
      segment('rep', "I know Trakwell is cheaper up front, but is price really the issue? I'll send you a comparison."),
      matcher,
    );
    expect(signals.mentions.map((m) => m.match)).toEqual(['Trakwell']);
    expect(signals.objections).toEqual([]);
    expect(signals.questions).toEqual([]);
    expect(signals.commitments.map((c) => [c.owner, c.match])).toEqual([['rep', "I'll send you a comparison"]]);
  });

  it('analyses interim segments the same way, leaving the choice to the caller', () => {
    const text = "we're trialling Routeline";
    expect(analyseSegment(segment('prospect', text, false), matcher)).toEqual(
      analyseSegment(segment('prospect', text, true), matcher),
    );
  });

  it('handles an empty segment', () => {
    expect(analyseSegment(segment('prospect', ''), matcher)).toEqual({
      mentions: [],
      objections: [],
      questions: [],
      commitments: [],
      sentiment: 0,
    });
  });

  it('handles a segment of the maximum length', () => {
    const line = "Trakwell is cheaper. How long is the contract? I'll send it by Friday. We track well over 100 vans. ";
    const times = Math.floor(10_000 / line.length);
    const text = line.repeat(times);
    expect(TranscriptSegmentUpsert.safeParse(segment('prospect', text)).success).toBe(true);
    const signals = analyseSegment(segment('prospect', text), matcher);
    expect(signals.mentions).toHaveLength(times);
    expect(signals.objections.filter((o) => o.kind === 'competitor')).toHaveLength(times);
    expect(signals.questions).toHaveLength(times);
    expect(signals.commitments).toHaveLength(times);
  });
});

describe('the segment schema of the contract', () => {
  it('accepts a transcriber segment and rejects malformed ones', () => {
    expect(TranscriptSegmentUpsert.safeParse(segment('rep', 'Hello')).success).toBe(true);
    expect(TranscriptSegmentUpsert.safeParse({ ...segment('rep', 'Hello'), speaker: 'agent' }).success).toBe(false);
    expect(TranscriptSegmentUpsert.safeParse({ ...segment('rep', 'Hello'), endMs: -1 }).success).toBe(false);
    expect(TranscriptSegmentUpsert.safeParse({ ...segment('rep', 'Hello'), startMs: 5_000 }).success).toBe(false);
    expect(TranscriptSegmentUpsert.safeParse(segment('rep', 'x'.repeat(10_001))).success).toBe(false);
  });
});
