import { Accordion, Alert, Button, EmptyState, Flex, SearchInput, StatusTag, Text } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { battlecardExample, battlecardsInPlayExample, type BattlecardSearchHit } from '@sdr/shared';
import { BUSY, NOT_INSTALLED, UNREACHABLE } from '../../src/app/backend/request.ts';
import { BattlecardsPanel, NOTHING_IN_PLAY } from '../../src/app/cards/BattlecardsPanel.tsx';
import { FakeFetch } from '../support/fake-fetch.ts';
import { textOf } from './text-of.ts';

const hit: BattlecardSearchHit = {
  battlecardId: battlecardExample.id,
  competitorId: battlecardExample.competitorId,
  cardTitle: battlecardExample.title,
  section: 'objection_handlers',
  sectionTitle: 'Objections',
  item: 0,
  label: 'Trakwell is cheaper per vehicle',
  text: 'Their headline price leaves out the driver app and **tacho add-on**.',
  score: 3.2,
  stale: true,
};

let fake: FakeFetch;
beforeEach(() => {
  fake = new FakeFetch().on('GET', '/v1/battlecards/in-play', { status: 200, body: battlecardsInPlayExample });
  fake.install();
});

function renderCard(location: 'crm.record.sidebar' | 'crm.record.tab' = 'crm.record.sidebar') {
  const renderer = createRenderer(location);
  renderer.render(<BattlecardsPanel crmId="9001" />);
  return renderer;
}

const texts = (nodes: { text: string | null }[]) => nodes.map((node) => node.text);

describe('the battlecards card', () => {
  it('asks for the competitors in play on the record and shows each card with its sections in accordions', async () => {
    const { findAll, findByTestId, waitFor } = renderCard();
    await waitFor(() => expect(findAll(Accordion)).toHaveLength(3));
    expect(fake.calls[0]!.url.pathname).toBe('/hubspot/v1/battlecards/in-play');
    expect(fake.calls[0]!.url.searchParams.get('crmId')).toBe('9001');
    const competitor = findByTestId(Flex, `competitor-${battlecardExample.competitorId}`);
    expect(textOf(competitor)).toContain('Trakwell Telematics');
    expect(textOf(competitor)).toContain('Named on 2 calls');
    expect(textOf(competitor)).toContain('on 1 deal');
    expect(texts(findAll(Accordion).map((node) => ({ text: node.props.title })))).toEqual([
      'Why we win',
      'Landmines to lay',
      'Objections',
    ]);
    const whyWeWin = findByTestId(Accordion, 'section-why_we_win');
    // Markdown emphasis is dropped and bullets become a list: the text is never rendered as HTML.
    expect(texts(whyWeWin.findAll(Text))).toContain(
      'Driver app included: Trakwell charges £4 per driver per month for theirs.',
    );
    const objections = findByTestId(Accordion, 'section-objection_handlers');
    expect(texts(objections.findAll(Text))).toContain('Trakwell is cheaper per vehicle');
    expect(competitor.maybeFind(StatusTag)).toBeNull();
    expect(textOf(competitor)).toContain('Last reviewed 30 Oct 2026');
  });

  it('marks a card that is due for review and says when a competitor has no card yet', async () => {
    fake.on('GET', '/v1/battlecards/in-play', {
      status: 200,
      body: {
        data: [
          { ...battlecardsInPlayExample.data[0]!, cards: [{ ...battlecardExample, stale: true }] },
          {
            competitor: { ...battlecardsInPlayExample.data[0]!.competitor, id: 'c2', name: 'Routeline' },
            cards: [],
            mentions: { calls: 0, deals: ['d1', 'd2'], lastAt: null },
          },
        ],
      },
    });
    const { findByTestId, waitFor } = renderCard('crm.record.tab');
    await waitFor(() => expect(findByTestId(StatusTag, 'stale').text).toBe('Needs review'));
    const routeline = findByTestId(Flex, 'competitor-c2');
    expect(textOf(routeline)).toContain('on 2 deals');
    expect(textOf(routeline)).toContain('No battlecard has been written for Routeline yet.');
  });

  it('says so when no competitor is in play', async () => {
    fake.on('GET', '/v1/battlecards/in-play', { status: 200, body: { data: [] } });
    const { find, waitFor } = renderCard();
    await waitFor(() => expect(textOf(find(EmptyState))).toBe(NOTHING_IN_PLAY));
  });

  it.each([
    ['network-error' as const, UNREACHABLE],
    [{ status: 403, body: {} }, NOT_INSTALLED],
    [{ status: 429, body: {} }, BUSY],
    [{ status: 500, body: {} }, UNREACHABLE],
  ])('shows a failure in plain words with a retry (%j)', async (answer, message) => {
    fake.on('GET', '/v1/battlecards/in-play', answer);
    const { find, findAll, findByTestId, waitFor } = renderCard();
    await waitFor(() => expect(find(Alert).text).toBe(message));
    fake.on('GET', '/v1/battlecards/in-play', { status: 200, body: battlecardsInPlayExample });
    findByTestId(Button, 'retry').trigger('onClick');
    await waitFor(() => expect(findAll(Accordion)).toHaveLength(3));
  });

  it('searches every card and shows where each match comes from', async () => {
    fake.on('GET', '/v1/battlecards/search', { status: 200, body: { data: [hit] } });
    const { findByTestId, waitFor } = renderCard();
    await waitFor(() => findByTestId(Accordion, 'section-why_we_win'));
    findByTestId(SearchInput, 'battlecard-search').trigger('onChange', 'cheaper  ' as never);
    await waitFor(() => findByTestId(Flex, 'search-results'));
    const search = fake.calls.find((call) => call.url.pathname.endsWith('/search'))!;
    expect(search.url.searchParams.get('q')).toBe('cheaper');
    const results = findByTestId(Flex, 'search-results');
    expect(texts(results.findAll(Text))).toEqual([
      'FleetPulse vs Trakwell Telematics · Objections',
      'Trakwell is cheaper per vehicle',
      'Their headline price leaves out the driver app and tacho add-on.',
    ]);
    expect(results.find(StatusTag).text).toBe('Needs review');
  });

  it('says when nothing matches, and recovers from a failed search', async () => {
    fake.on('GET', '/v1/battlecards/search', { status: 200, body: { data: [] } });
    const { find, findByTestId, waitFor } = renderCard();
    findByTestId(SearchInput, 'battlecard-search').trigger('onChange', 'zebra' as never);
    await waitFor(() => expect(findByTestId(Text, 'no-matches').text).toBe('Nothing matches “zebra”.'));
    fake.on('GET', '/v1/battlecards/search', { status: 500, body: {} });
    findByTestId(SearchInput, 'battlecard-search').trigger('onChange', 'tacho' as never);
    await waitFor(() => expect(find(Alert).props.title).toBe('Search did not work'));
    fake.on('GET', '/v1/battlecards/search', { status: 200, body: { data: [hit] } });
    findByTestId(Button, 'retry').trigger('onClick');
    await waitFor(() => findByTestId(Flex, 'search-results'));
  });
});
