import { findObjections, type ObjectionKind } from '../../../src/processors/call-analysis/objections.ts';
import { matcher } from './competitors.ts';

const objections = (text: string) => findObjections(text, matcher.find(text));
const kinds = (text: string) => objections(text).map((o) => o.kind);
const raised = (text: string) => objections(text).map((o) => [o.kind, o.match]);

describe('objections', () => {
  it.each<[string, ObjectionKind, string]>([
    ["Honestly, it's too expensive for a fleet our size.", 'price', 'too expensive'],
    ["We'd go cheaper if we could.", 'price', 'cheaper'],
    ["Forty quid a van a month is out of our budget, I'm afraid.", 'price', 'out of our budget'],
    ["We just can't afford that this year.", 'price', "can't afford"],
    ['Look, the cost is an issue for us.', 'price', 'cost is an issue'],
    ['Pricing is a bit of a sticking point, to be honest.', 'price', 'Pricing is a bit of a sticking point'],
    ['Budget’s really tight after the new Transits.', 'price', 'Budget’s really tight'],
    ["It's not the right time for us.", 'timing', 'not the right time'],
    ['Maybe have a look again next quarter.', 'timing', 'next quarter'],
    ['Can you call me back in September?', 'timing', 'call me back in'],
    ["I'm too busy right now with the depot move.", 'timing', 'too busy'],
    ['I need to check with my boss first.', 'authority', 'check with my boss'],
    ["That's not my decision.", 'authority', 'not my decision'],
    ['The board decides on anything over ten grand.', 'authority', 'The board decides'],
    ['I’d have to run it past our finance director.', 'authority', 'run it past our finance director'],
    ["We don't need another system.", 'need', "don't need"],
    ["Telematics just isn't a priority this year.", 'need', "isn't a priority"],
    ["We're happy with what we have.", 'need', 'happy with what we have'],
    ["We're not really interested.", 'need', 'not really interested'],
    ['We already use a tracker on every van.', 'incumbent', 'already use'],
    ["We're locked into a three-year contract.", 'incumbent', 'locked into a three-year contract'],
    ['Our current provider covers most of that.', 'incumbent', 'Our current provider'],
    ['We just renewed in March.', 'incumbent', 'just renewed'],
    ["We've only just renewed, so.", 'incumbent', 'only just renewed'],
  ])('%s → %s', (text, kind, match) => {
    expect(raised(text)).toContainEqual([kind, match]);
  });

  it('finds competitor comparisons and preferences, with the competitor', () => {
    expect(objections('To be fair, Trakwell is cheaper.')).toContainEqual({
      kind: 'competitor',
      match: 'Trakwell is cheaper',
      confidence: expect.any(Number),
      index: 12,
      competitorId: 'trakwell',
    });
    expect(raised("We're trialling Routeline at the moment.")).toContainEqual(['competitor', 'trialling Routeline']);
    expect(raised('Trakwell does that already.')).toContainEqual(['competitor', 'Trakwell does that']);
    expect(raised("TWT's pricing is way better")).toContainEqual(['competitor', "TWT's pricing is way better"]);
    expect(raised('Route Line quoted us twelve pounds a unit')).toContainEqual(['competitor', 'Route Line quoted']);
    expect(raised("We're leaning towards the Trakwell DashCam")).toContainEqual([
      'competitor',
      'leaning towards the Trakwell DashCam',
    ]);
  });

  it('reads a competitor already in use as the incumbent, naming it', () => {
    const found = objections('We already use Trakwell for the vans.');
    expect(found).toEqual([
      expect.objectContaining({ kind: 'incumbent', match: 'We already use Trakwell', competitorId: 'trakwell' }),
    ]);
  });

  it('scales a competitor objection by how sure the mention is', () => {
    const exact = objections('Trakwell is cheaper').find((o) => o.kind === 'competitor')!;
    const misspelt = objections('Trackwell is cheaper').find((o) => o.kind === 'competitor')!;
    expect(misspelt.competitorId).toBe('trakwell');
    expect(misspelt.confidence).toBeLessThan(exact.confidence);
  });

  it('needs a comparison or a preference, not just a mention', () => {
    expect(kinds('Trakwell rang me last week about something else.')).toEqual([]);
    expect(kinds('Have you heard of Routeline?')).toEqual([]);
  });

  it.each([
    "Price isn't a problem.",
    'Price is not an issue for us.',
    "I don't think the cost is an issue.",
    "It's not too expensive.",
    "I wouldn't say it's expensive at all.",
    "It's not a bad time actually.",
    "I don't need to check with my boss, I sign off on this.",
    "We're not happy with what we have.",
    "We're not locked into a contract.",
    "We're not currently using anything for tracking.",
    "We're not trialling anyone else.",
    "I don't think Trakwell is cheaper.",
    "Trakwell isn't cheaper, they're just louder.",
    "It'd be cheaper than what we pay now.",
  ])('negated or favourable: %s', (text) => {
    expect(kinds(text)).toEqual([]);
  });

  it('limits a negation to its own clause', () => {
    expect(kinds("No, it's too expensive.")).toEqual(['price']);
    expect(kinds("It's not bad, but it's too expensive.")).toEqual(['price']);
    expect(kinds("I'm not the one who minds, and honestly it's too expensive.")).toEqual(['price']);
  });

  it('finds several kinds in one turn, each with a confidence', () => {
    const found = objections(
      "Look, we're locked into a contract with Trakwell till June, and even then I'd need to check with the MD.",
    );
    expect(found.map((o) => o.kind)).toEqual(['incumbent', 'authority']);
    for (const o of found) expect(o.confidence).toBeGreaterThan(0);
    for (const o of found) expect(o.confidence).toBeLessThanOrEqual(1);
  });

  it('reports overlapping phrases of one kind once', () => {
    expect(raised('That is way too expensive.')).toEqual([['price', 'way too expensive']]);
  });

  it('finds nothing in ordinary talk', () => {
    expect(kinds('We run about 120 vans out of Leeds and Bradford, mostly Transits.')).toEqual([]);
    expect(kinds('we track well over 100 vans')).toEqual([]);
    expect(kinds('')).toEqual([]);
  });
});
