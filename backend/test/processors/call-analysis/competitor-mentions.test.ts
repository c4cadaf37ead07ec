import { competitorMatcher } from '../../../src/processors/call-analysis/competitor-mentions.ts';
import { COMPETITORS, matcher } from './competitors.ts';

const found = (text: string) => matcher.find(text).map((m) => [m.competitorId, m.term, m.match, m.via]);

describe('competitor mentions', () => {
  it('finds names, aliases and products, case-insensitively, with their position', () => {
    const text = "We looked at Trakwell Telematics Ltd last year and ROUTELINE's pitch too.";
    expect(matcher.find(text)).toEqual([
      {
        competitorId: 'trakwell',
        term: 'Trakwell Telematics Ltd',
        match: 'Trakwell Telematics Ltd',
        via: 'name',
        confidence: 1,
        index: 13,
      },
      { competitorId: 'routeline', term: 'Routeline', match: "ROUTELINE's", via: 'name', confidence: 1, index: 51 },
    ]);
  });

  it('ignores legal suffixes in names, and takes one written after a name into the match', () => {
    expect(found('Trakwell Telematics rang us')).toEqual([
      ['trakwell', 'Trakwell Telematics Ltd', 'Trakwell Telematics', 'name'],
    ]);
    expect(found('the contract is with Trakwell Telematics Limited')).toEqual([
      ['trakwell', 'Trakwell Telematics Ltd', 'Trakwell Telematics Limited', 'name'],
    ]);
    const plain = competitorMatcher([{ id: 'r', name: 'Routeline', aliases: [], products: [] }]);
    expect(plain.find('Routeline Ltd.').map((m) => m.match)).toEqual(['Routeline Ltd']);
  });

  it('does not swallow an ordinary word that only looks like a legal suffix', () => {
    expect(found('Trakwell limited our options')).toEqual([['trakwell', 'Trakwell', 'Trakwell', 'alias']]);
  });

  it('matches possessives and plurals', () => {
    expect(found("trakwell's app keeps crashing")).toEqual([['trakwell', 'Trakwell', "trakwell's", 'alias']]);
    expect(found("all the Trakwells' units")).toEqual([['trakwell', 'Trakwell', "Trakwells'", 'alias']]);
    expect(found('we have ten Trakwell DashCams fitted')).toEqual([
      ['trakwell', 'Trakwell DashCam', 'Trakwell DashCams', 'product'],
    ]);
  });

  it('matches spacing and hyphen variants', () => {
    expect(found('the Trak Well boxes')).toEqual([['trakwell', 'Trak Well', 'Trak Well', 'alias']]);
    expect(found('the Trak-Well boxes').map((m) => m[2])).toEqual(['Trak-Well']);
    expect(found('the trakwell boxes').map((m) => m[2])).toEqual(['trakwell']);
    expect(found('Route-Line and route line and routeline').map((m) => m[2])).toEqual([
      'Route-Line',
      'route line',
      'routeline',
    ]);
  });

  it('splits a camel-case name because it was written as two words', () => {
    expect(found('the Trakwell Dash Cam is fine')).toEqual([
      ['trakwell', 'Trakwell DashCam', 'Trakwell Dash Cam', 'product'],
    ]);
  });

  it('does not split a one-word name into ordinary words', () => {
    const noAlias = competitorMatcher([{ id: 't', name: 'Trakwell', aliases: [], products: [] }]);
    expect(noAlias.find('we track well over 100 vans')).toEqual([]);
    expect(noAlias.find('the drivers trak well on the new routes')).toEqual([]);
    expect(noAlias.find('the Trakwell units')).toHaveLength(1);
  });

  it('does not read "track well" as Trakwell even though "Trak Well" is an alias', () => {
    expect(matcher.find('we track well over 100 vans')).toEqual([]);
    expect(matcher.find('Honestly the vans track well and the drivers are happy.')).toEqual([]);
  });

  it('matches on word boundaries only', () => {
    expect(matcher.find('twtwt')).toEqual([]);
    expect(matcher.find('TWTX and XTWT')).toEqual([]);
    expect(matcher.find('outroutelines')).toEqual([]);
  });

  it('matches a short alias only exactly, and an all-capital one only in capitals', () => {
    expect(found('TWT quoted us less')).toEqual([['trakwell', 'TWT', 'TWT', 'alias']]);
    expect(found("TWT's and TWTs").map((m) => m[2])).toEqual(["TWT's", 'TWTs']);
    expect(matcher.find('twt quoted us less')).toEqual([]);
    expect(matcher.find('TWX quoted us less')).toEqual([]);
    const lower = competitorMatcher([{ id: 'g', name: 'Gofleet', aliases: ['gfl'], products: [] }]);
    expect(lower.find('GFL or gfl').map((m) => m.match)).toEqual(['GFL', 'gfl']);
  });

  it('matches common misspellings of longer terms, at lower confidence', () => {
    for (const spelling of ['Trackwell', 'Trakwel', 'Trakwlel', 'trackwell’s']) {
      const [mention] = matcher.find(`we had ${spelling} in before`);
      expect(mention).toMatchObject({
        competitorId: 'trakwell',
        term: 'Trakwell',
        match: spelling,
        via: 'misspelling',
      });
      expect(mention!.confidence).toBeLessThan(0.8);
    }
    // Nine letters allow two edits.
    expect(found('Rootline came in cheaper')).toEqual([['routeline', 'Routeline', 'Rootline', 'misspelling']]);
  });

  it('keeps ordinary words that are near a name out', () => {
    expect(matcher.find('our routine is to check the routeing every morning')).toEqual([]);
    expect(found('Tracking well, trawled, trackwells... wait')).toEqual([
      ['trakwell', 'Trakwell', 'trackwells', 'misspelling'],
    ]);
    expect(matcher.find('we were travelling well')).toEqual([]);
  });

  it('does not misspell short terms', () => {
    const short = competitorMatcher([{ id: 'v', name: 'Vantx', aliases: ['Vant'], products: [] }]);
    expect(short.find('vent and vane').map((m) => m.match)).toEqual([]);
    expect(short.find('Vantz').map((m) => m.via)).toEqual(['misspelling']);
  });

  it('reads a misspelt word inside a multi-word term as that term', () => {
    expect(found('Trackwell Fleet is what we run')).toEqual([
      ['trakwell', 'Trakwell Fleet', 'Trackwell Fleet', 'misspelling'],
    ]);
    expect(matcher.find('Trackwell Fleet')[0]!.confidence).toBeGreaterThan(matcher.find('Trackwell')[0]!.confidence);
  });

  it('reports overlapping matches once, preferring the longest and most exact', () => {
    expect(found('the Trakwell Fleet platform')).toEqual([['trakwell', 'Trakwell Fleet', 'Trakwell Fleet', 'product']]);
    expect(found('Trakwell Telematics Ltd')).toHaveLength(1);
    // "Trakwell" is an alias and "trakwell" the run-together form of the alias "Trak Well": one mention.
    expect(found('trakwell')).toEqual([['trakwell', 'Trakwell', 'trakwell', 'alias']]);
  });

  it('does not join words across punctuation', () => {
    expect(found('We use Trak. Well, sort of.')).toEqual([]);
    expect(found('Route, line by line')).toEqual([]);
  });

  it('finds every mention in a long segment in one pass', () => {
    const line = 'Trakwell quoted us, Routeline did not, and we track well over 100 vans. ';
    const text = line.repeat(Math.floor(10_000 / line.length));
    const mentions = matcher.find(text);
    const times = Math.floor(10_000 / line.length);
    expect(mentions).toHaveLength(2 * times);
    expect(mentions.filter((m) => m.competitorId === 'trakwell')).toHaveLength(times);
    expect(mentions.every((m) => text.slice(m.index, m.index + m.match.length) === m.match)).toBe(true);
  });

  it('gives a term shared by two competitors to the first listed', () => {
    const shared = competitorMatcher([
      ...COMPETITORS,
      { id: 'other', name: 'Other Co', aliases: ['Route Line'], products: [] },
    ]);
    expect(shared.find('route line').map((m) => m.competitorId)).toEqual(['routeline']);
  });

  it('finds nothing without competitors or text', () => {
    expect(competitorMatcher([]).find('Trakwell')).toEqual([]);
    expect(matcher.find('')).toEqual([]);
  });
});
