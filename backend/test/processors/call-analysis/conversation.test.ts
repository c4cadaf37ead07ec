import {
  ConversationState,
  MONOLOGUE_GAP_MS,
  TREND_POINTS,
  TREND_SMOOTHING,
} from '../../../src/processors/call-analysis/conversation.ts';
import type { Segment } from '../../../src/processors/call-analysis/segment.ts';
import { sentimentOf } from '../../../src/processors/call-analysis/sentiment.ts';
import { matcher } from './competitors.ts';

function seg(
  segmentId: string,
  speaker: Segment['speaker'],
  startMs: number,
  endMs: number,
  text: string,
  final = true,
) {
  return { segmentId, speaker, startMs, endMs, text, final };
}

describe('ConversationState', () => {
  it('has no ratio, monologue or trend before anyone has spoken', () => {
    expect(new ConversationState(matcher).metrics()).toEqual({
      repTalkMs: 0,
      prospectTalkMs: 0,
      repTalkRatio: null,
      longestMonologue: null,
      sentimentTrend: [],
      questionsAsked: { rep: 0, prospect: 0 },
    });
  });

  it('returns the signals of each segment and keeps the call metrics', () => {
    const call = new ConversationState(matcher);
    call.apply(seg('1', 'rep', 0, 6_000, 'Hi Sam, thanks for making the time. How many vans are you running now?'));
    const signals = call.apply(
      seg('2', 'prospect', 6_500, 10_500, "About 120. We're on Trakwell but it's too expensive. Do you do dashcams?"),
    );
    expect(signals.mentions.map((m) => m.competitorId)).toEqual(['trakwell']);
    expect(signals.objections.map((o) => o.kind)).toEqual(['incumbent', 'price']);
    expect(signals.questions.map((q) => q.topic)).toEqual(['product']);

    expect(call.metrics()).toEqual({
      repTalkMs: 6_000,
      prospectTalkMs: 4_000,
      repTalkRatio: 0.6,
      longestMonologue: { speaker: 'rep', ms: 6_000 },
      sentimentTrend: [signals.sentiment],
      questionsAsked: { rep: 1, prospect: 1 },
    });
  });

  it('counts interim segments only once final, and replaces rather than adds', () => {
    const call = new ConversationState(matcher);
    const interim = call.apply(seg('p1', 'prospect', 0, 2_000, 'is it too exp', false));
    expect(interim.objections.map((o) => o.kind)).toEqual([]);
    expect(call.metrics().prospectTalkMs).toBe(0);
    expect(call.metrics().repTalkRatio).toBeNull();

    call.apply(seg('p1', 'prospect', 0, 3_000, "Honestly it's too expensive, isn't it", false));
    expect(call.metrics().prospectTalkMs).toBe(0);

    const final = call.apply(seg('p1', 'prospect', 0, 3_500, "Honestly it's too expensive. How much is it per van?"));
    expect(final.objections.map((o) => o.kind)).toEqual(['price']);
    expect(call.metrics()).toMatchObject({
      prospectTalkMs: 3_500,
      repTalkRatio: 0,
      questionsAsked: { rep: 0, prospect: 1 },
      sentimentTrend: [final.sentiment],
    });
  });

  it('replaces a corrected final without double counting', () => {
    const call = new ConversationState(matcher);
    call.apply(seg('r1', 'rep', 0, 4_000, 'Can I ask how many vehicles you have? And do you use tracking today?'));
    call.apply(seg('p1', 'prospect', 4_500, 8_000, 'We love it, honestly.'));
    const before = call.metrics();
    expect(before.questionsAsked).toEqual({ rep: 2, prospect: 0 });

    call.apply(seg('r1', 'rep', 0, 5_000, 'Can I ask how many vehicles you have and whether you track them today?'));
    call.apply(seg('p1', 'prospect', 4_500, 8_000, 'We hate it, honestly.'));
    const after = call.metrics();
    expect(after.repTalkMs).toBe(5_000);
    expect(after.prospectTalkMs).toBe(3_500);
    expect(after.questionsAsked).toEqual({ rep: 1, prospect: 0 });
    expect(after.sentimentTrend).toEqual([sentimentOf('We hate it, honestly.')]);
    expect(after.sentimentTrend[0]).toBeLessThan(0);
  });

  it('keeps a final when a late interim of the same segment arrives', () => {
    const call = new ConversationState(matcher);
    call.apply(seg('p1', 'prospect', 0, 3_000, 'We already use Trakwell.'));
    const late = call.apply(seg('p1', 'prospect', 0, 1_000, 'We already', false));
    expect(late.mentions).toEqual([]);
    expect(call.metrics().prospectTalkMs).toBe(3_000);
  });

  it('merges one speaker’s segments into a monologue across short pauses only', () => {
    const call = new ConversationState(matcher);
    call.apply(seg('1', 'rep', 0, 10_000, 'So what we do is...'));
    call.apply(seg('2', 'rep', 10_000 + MONOLOGUE_GAP_MS, 20_000, 'and on top of that...'));
    call.apply(seg('3', 'rep', 20_500, 25_000, 'and the app...'));
    call.apply(seg('4', 'prospect', 25_500, 27_000, 'Right.'));
    call.apply(seg('5', 'rep', 27_500, 40_000, 'Anyway.'));
    call.apply(seg('6', 'rep', 40_000 + MONOLOGUE_GAP_MS + 1, 60_000, 'After a long pause.'));
    expect(call.metrics().longestMonologue).toEqual({ speaker: 'rep', ms: 25_000 });
  });

  it('orders segments by time even when they arrive out of order', () => {
    const call = new ConversationState(matcher);
    call.apply(seg('2', 'prospect', 5_000, 12_000, 'Go on.'));
    call.apply(seg('1', 'prospect', 0, 4_000, 'Yes.'));
    call.apply(seg('3', 'rep', 12_500, 13_000, 'OK.'));
    expect(call.metrics().longestMonologue).toEqual({ speaker: 'prospect', ms: 12_000 });
  });

  it('smooths the prospect’s sentiment over final segments and keeps the last points', () => {
    const call = new ConversationState(matcher);
    const lines = [
      'This looks great, I love the dashboard.',
      'Hmm, the price is a worry.',
      'That is terrible, awful value.',
    ];
    let smoothed: number | null = null;
    const expected: number[] = [];
    lines.forEach((text, i) => {
      call.apply(seg(`p${i}`, 'prospect', i * 10_000, i * 10_000 + 3_000, text));
      call.apply(seg(`r${i}`, 'rep', i * 10_000 + 4_000, i * 10_000 + 6_000, 'I see, brilliant, wonderful.'));
      const s = sentimentOf(text);
      smoothed = smoothed === null ? s : TREND_SMOOTHING * s + (1 - TREND_SMOOTHING) * smoothed;
      expected.push(Math.round(smoothed * 1000) / 1000);
    });
    call.apply(seg('p9', 'prospect', 90_000, 91_000, 'I love it', false));
    const trend = call.metrics().sentimentTrend;
    expect(trend).toEqual(expected);
    expect(trend[0]).toBeGreaterThan(0);
    expect(trend[2]!).toBeLessThan(trend[0]!);

    for (let i = 0; i < 30; i++) call.apply(seg(`q${i}`, 'prospect', 100_000 + i * 1_000, 100_500 + i * 1_000, 'OK.'));
    expect(call.metrics().sentimentTrend).toHaveLength(TREND_POINTS);
  });

  it('works without a matcher, with no mentions in its signals', () => {
    const call = new ConversationState();
    expect(call.apply(seg('1', 'prospect', 0, 1_000, 'We use Trakwell')).mentions).toEqual([]);
    expect(call.metrics().prospectTalkMs).toBe(1_000);
  });

  it('keeps its counts exact over a long call with many corrections', () => {
    const call = new ConversationState(matcher);
    let rep = 0;
    let prospect = 0;
    for (let i = 0; i < 2_000; i++) {
      const speaker = i % 3 === 0 ? 'prospect' : 'rep';
      const start = i * 1_000;
      call.apply(seg(`s${i}`, speaker, start, start + 300, 'um', false));
      call.apply(seg(`s${i}`, speaker, start, start + 800, 'Do you integrate with Sage?'));
      if (i % 10 === 0) call.apply(seg(`s${i}`, speaker, start, start + 900, 'Does it integrate with Sage?'));
      const ms = i % 10 === 0 ? 900 : 800;
      if (speaker === 'rep') rep += ms;
      else prospect += ms;
    }
    const metrics = call.metrics();
    expect(metrics.repTalkMs).toBe(rep);
    expect(metrics.prospectTalkMs).toBe(prospect);
    expect(metrics.questionsAsked).toEqual({ rep: 1_333, prospect: 667 });
  });
});
