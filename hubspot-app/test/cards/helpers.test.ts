import { suggestionExample, transcriptSegmentExample } from '@sdr/shared';
import { formatDate } from '../../src/app/lib/format.ts';
import { formatMoney, formatPercent, markdownBlocks, timeAgo, webAddress } from '../../src/app/cards/lib/format.ts';
import { crmIdOf } from '../../src/app/cards/lib/records.ts';
import { mergeSegments, mergeSuggestions } from '../../src/app/cards/lib/useLiveCall.ts';

const now = Date.parse('2026-11-24T12:00:00.000Z');

describe('what the cards show', () => {
  it.each([
    ['2026-11-24T11:59:30.000Z', 'just now'],
    ['2026-11-24T12:00:20.000Z', 'just now'],
    ['2026-11-24T11:59:00.000Z', '1 minute ago'],
    ['2026-11-24T10:00:00.000Z', '2 hours ago'],
    ['2026-11-23T12:00:00.000Z', '1 day ago'],
    ['2026-09-01T12:00:00.000Z', '2 months ago'],
    ['2024-11-01T12:00:00.000Z', '2 years ago'],
    ['not a date', 'at an unknown time'],
  ])('says %s was %s', (iso, words) => {
    expect(timeAgo(iso, now)).toBe(words);
  });

  it('formats money in whole units, shares as percentages and days without depending on the runtime', () => {
    expect(formatMoney({ amount: 8360, currency: 'GBP' })).toBe('£8,360');
    expect(formatMoney({ amount: 1234.56, currency: 'USD' })).toBe('US$1,235');
    expect(formatMoney({ amount: 10, currency: 'ZZZ' })).toMatch(/10/);
    expect(formatPercent(0.216)).toBe('22%');
    expect(formatDate('2026-09-01')).toBe('1 Sep 2026');
    expect(formatDate('2026-10-30T15:20:00.000Z')).toBe('30 Oct 2026');
    expect(formatDate('soon')).toBe('soon');
  });

  it('links only web addresses', () => {
    expect(webAddress('https://example.com/a')).toBe('https://example.com/a');
    expect(webAddress('javascript:alert(1)')).toBeNull();
    expect(webAddress('not a url')).toBeNull();
    expect(webAddress(null)).toBeNull();
  });

  it('turns Markdown into plain paragraphs and bullets', () => {
    expect(markdownBlocks('Intro with **bold** and [a link](https://x.test).\n\n- one\n* `two`\n')).toEqual({
      paragraphs: ['Intro with bold and a link.'],
      bullets: ['one', 'two'],
    });
  });

  it('turns HubSpot record ids into CRM ids', () => {
    expect(crmIdOf(101)).toBe('101');
    expect(crmIdOf(undefined)).toBeNull();
  });
});

describe('merging what a live call sends', () => {
  it('replaces a segment by a later one with the same id, where it stands', () => {
    const first = { ...transcriptSegmentExample, segmentId: 'a', final: false, text: 'Hel' };
    const second = { ...transcriptSegmentExample, segmentId: 'b' };
    const merged = mergeSegments([first, second], [{ ...first, final: true, text: 'Hello' }]);
    expect(merged.map((segment) => [segment.segmentId, segment.text])).toEqual([
      ['a', 'Hello'],
      ['b', transcriptSegmentExample.text],
    ]);
  });

  it('keeps suggestions newest first and updates one that gained its tailored line', () => {
    const older = { ...suggestionExample, id: 'old', createdAt: '2026-11-24T14:00:00.000Z' };
    const newer = { ...suggestionExample, id: 'new', createdAt: '2026-11-24T14:05:00.000Z' };
    const merged = mergeSuggestions([older], [newer, { ...older, tailored: 'Mention the pilot.' }]);
    expect(merged.map((suggestion) => [suggestion.id, suggestion.tailored])).toEqual([
      ['new', null],
      ['old', 'Mention the pilot.'],
    ]);
  });
});
