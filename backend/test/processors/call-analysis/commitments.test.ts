import { findCommitments } from '../../../src/processors/call-analysis/commitments.ts';
import { dueOf } from '../../../src/processors/call-analysis/time-phrases.ts';

const steps = (text: string, speaker: 'rep' | 'prospect' = 'rep') =>
  findCommitments(text, speaker).map((c) => [c.match, c.owner, c.due]);

describe('commitments', () => {
  it('finds the examples of the brief', () => {
    expect(steps("I'll send you the proposal by Friday.")).toEqual([
      ["I'll send you the proposal by Friday", 'rep', 'by Friday'],
    ]);
    expect(steps("Great, let's book a demo.")).toEqual([["let's book a demo", 'rep', null]]);
    expect(steps("We'll get back to you by Friday.", 'prospect')).toEqual([
      ["We'll get back to you by Friday", 'prospect', 'by Friday'],
    ]);
    expect(steps('Can we schedule a call next week?')).toEqual([
      ['Can we schedule a call next week', 'rep', 'next week'],
    ]);
  });

  it('gives the offset of each commitment', () => {
    expect(findCommitments("Sounds good. I'll email it over tomorrow.", 'rep')).toEqual([
      { match: "I'll email it over tomorrow", owner: 'rep', due: 'tomorrow', index: 13 },
    ]);
  });

  it('splits two commitments in one sentence', () => {
    expect(steps("I'll send the pricing over tomorrow and we can book a demo on the 3rd.")).toEqual([
      ["I'll send the pricing over tomorrow", 'rep', 'tomorrow'],
      ['we can book a demo on the 3rd', 'rep', 'on the 3rd'],
    ]);
  });

  it('reads the prospect’s own next steps as theirs', () => {
    expect(steps('Let me check with the team and come back to you in a couple of days.', 'prospect')).toEqual([
      ['Let me check with the team and come back to you in a couple of days', 'prospect', 'in a couple of days'],
    ]);
    expect(steps("I'll speak to our MD on Monday", 'prospect')).toEqual([
      ["I'll speak to our MD on Monday", 'prospect', 'on Monday'],
    ]);
  });

  it('gives a step stated back to the other side to them', () => {
    expect(steps("So you'll send me the pricing by end of day?", 'prospect')).toEqual([
      ["you'll send me the pricing by end of day", 'rep', 'by end of day'],
    ]);
  });

  it('ignores turns of phrase, negations and plain requests', () => {
    expect(steps("I'll be honest, it's a lot of money.")).toEqual([]);
    expect(steps("We'll see how it goes.")).toEqual([]);
    expect(steps("I won't be able to send it today.")).toEqual([]);
    expect(steps('I will not be booking anything this month.')).toEqual([]);
    expect(steps("Let's talk about your fleet for a minute.")).toEqual([]);
    expect(steps('Can you send me the case study?', 'prospect')).toEqual([]);
  });

  it('stops a commitment at the end of its clause', () => {
    expect(steps("I'll send the contract over, but legal will want a look first.")).toEqual([
      ["I'll send the contract over", 'rep', null],
    ]);
  });

  it.each([
    ['by Friday', "I'll have it to you by Friday"],
    ['next week', 'next week sometime'],
    ['tomorrow morning', 'tomorrow morning works'],
    ['on the 3rd', 'on the 3rd'],
    ['by the end of next week', 'by the end of next week'],
    ['on Tuesday afternoon', 'on Tuesday afternoon'],
    ['in two weeks', 'in two weeks'],
    ['by 14th March', 'by 14th March'],
    ['on the first of April', 'on the first of April'],
    ['over the weekend', 'over the weekend'],
  ])('reads "%s" as the due time', (due, text) => {
    expect(dueOf(text)).toBe(due);
  });

  it('does not read ordinary words as dates', () => {
    expect(dueOf("I'll send the first draft")).toBeNull();
    expect(dueOf('We may get there')).toBeNull();
    expect(dueOf("I'll send the pricing over")).toBeNull();
  });
});
