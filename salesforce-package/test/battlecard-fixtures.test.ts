import { readFile } from 'node:fs/promises';
import {
  BattlecardSearchResults,
  BattlecardsInPlay,
  battlecardExample,
  battlecardsInPlayExample,
  competitorCreateExample,
} from '@sdr/shared';

// The sdrBattlecard component tests run on these files; checking them here keeps them in step with the contract.
const data = new URL('../force-app/main/default/lwc/sdrBattlecard/__tests__/data/', import.meta.url);

async function fixture(name: string): Promise<unknown> {
  return JSON.parse(await readFile(new URL(name, data), 'utf8'));
}

const DAY_MS = 24 * 60 * 60 * 1000;

describe('sdrBattlecard fixtures', () => {
  it('inPlay.json is the contract example, value for value', async () => {
    expect(await fixture('inPlay.json')).toEqual(battlecardsInPlayExample);
  });

  it.each(['inPlay.json', 'inPlayStale.json', 'inPlayNoCard.json', 'inPlayEmpty.json'])(
    '%s parses as BattlecardsInPlay',
    async (name) => {
      const json = await fixture(name);
      expect(BattlecardsInPlay.parse(json)).toEqual(json);
    },
  );

  it('the stale variant differs from the example only in its card being stale, with a review old enough', async () => {
    const stale = BattlecardsInPlay.parse(await fixture('inPlayStale.json'));
    const [entry] = stale.data;
    const [card] = entry!.cards;
    expect(card!.stale).toBe(true);
    // As the service decides it: staleAfterDays have passed since the review, by the time the calls named it.
    const due = Date.parse(card!.reviewedAt) + card!.staleAfterDays * DAY_MS;
    expect(due).toBeLessThan(Date.parse(entry!.mentions.lastAt!));
    const asExample = { ...card!, stale: battlecardExample.stale, reviewedAt: battlecardExample.reviewedAt };
    expect({ data: [{ ...entry!, cards: [asExample] }] }).toEqual(battlecardsInPlayExample);
  });

  it('the no-card variant adds, after the example, a competitor only a deal lists and without a card', async () => {
    const variant = BattlecardsInPlay.parse(await fixture('inPlayNoCard.json'));
    expect(variant.data).toHaveLength(2);
    const [first, second] = variant.data;
    expect(first).toEqual(battlecardsInPlayExample.data[0]);
    expect(second!.cards).toEqual([]);
    expect(second!.mentions).toEqual({ calls: 0, deals: first!.mentions.deals, lastAt: null });
    expect(second!.competitor).toMatchObject(competitorCreateExample);
    expect(second!.competitor.id).not.toBe(first!.competitor.id);
  });

  it('the empty variant has no competitor in play', async () => {
    expect(await fixture('inPlayEmpty.json')).toEqual({ data: [] });
  });

  describe('searchResults.json (the contract has no search example, so it is checked against the card example)', () => {
    it('parses as BattlecardSearchResults, best match first', async () => {
      const json = await fixture('searchResults.json');
      const results = BattlecardSearchResults.parse(json);
      expect(results).toEqual(json);
      const scores = results.data.map((hit) => hit.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
    });

    it('its hits on the example card quote the card exactly, as the service indexes it', async () => {
      const results = BattlecardSearchResults.parse(await fixture('searchResults.json'));
      const onExample = results.data.filter((hit) => hit.battlecardId === battlecardExample.id);
      expect(onExample.length).toBeGreaterThanOrEqual(2);
      expect(onExample.some((hit) => hit.item === null)).toBe(true);
      expect(onExample.some((hit) => hit.item !== null)).toBe(true);
      for (const hit of onExample) {
        const section = battlecardExample.sections.find((candidate) => candidate.key === hit.section);
        expect(section).toBeDefined();
        expect(hit).toMatchObject({
          competitorId: battlecardExample.competitorId,
          cardTitle: battlecardExample.title,
          sectionTitle: section!.title,
          stale: battlecardExample.stale,
        });
        if (hit.item === null) {
          expect({ label: hit.label, text: hit.text }).toEqual({ label: null, text: section!.body });
        } else {
          const item = section!.items[hit.item];
          expect({ label: hit.label, text: hit.text }).toEqual({ label: item!.label, text: item!.text });
        }
      }
    });

    it('holds a stale hit on a card of a competitor not in play, so the panel shows one it only knows from search', async () => {
      const results = BattlecardSearchResults.parse(await fixture('searchResults.json'));
      const inPlay = new Set(battlecardsInPlayExample.data.map((entry) => entry.competitor.id));
      const others = results.data.filter((hit) => !inPlay.has(hit.competitorId));
      expect(others).toHaveLength(1);
      expect(others[0]!.stale).toBe(true);
      expect(others[0]!.text).toContain('\n- ');
    });
  });
});
