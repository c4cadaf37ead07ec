import { createElement } from 'lwc';
import SdrBattlecard from 'c/sdrBattlecard';
import getCardsInPlay from '@salesforce/apex/SdrBattlecardController.getCardsInPlay';
import searchCards from '@salesforce/apex/SdrBattlecardController.searchCards';
import { refreshApex } from '@salesforce/apex';
import inPlay from './data/inPlay.json';
import inPlayStale from './data/inPlayStale.json';
import inPlayNoCard from './data/inPlayNoCard.json';
import inPlayEmpty from './data/inPlayEmpty.json';
import searchResults from './data/searchResults.json';
import { $deep, $$deep, deepText } from '../../../../../test/panelState';

jest.mock(
  '@salesforce/apex/SdrBattlecardController.getCardsInPlay',
  () => {
    // jest.mock factories run before imports are bound, so the adapter factory has to be required here.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { createApexTestWireAdapter } = require('@salesforce/sfdx-lwc-jest');
    return { default: createApexTestWireAdapter(jest.fn()) };
  },
  { virtual: true },
);
jest.mock('@salesforce/apex/SdrBattlecardController.searchCards', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex', () => ({ refreshApex: jest.fn() }), { virtual: true });

const LEAD_ID = '00Q5g00000AbCdEFGH';
const OPPORTUNITY_ID = '0065g00000XyZaBCDE';
const TRAKWELL_ID = 'a3f9c1e7-5b2d-4d86-9c40-e8b6a2d4f017';
const ROUTELINE_ID = '6b1d8e3a-9f2c-4a57-b0e4-3c7a5d9f1e28';
const CARD_ID = 'd7e2b5c9-0a4f-4e13-8b6d-c2f9a1e7b350';
const UNREACHABLE = 'The SDR service cannot be reached right now. Try again in a minute.';
const NO_PERMISSION = 'You need the SDR User permission set to see this. Ask your Salesforce admin.';

const inPlayAnswer = (data) => JSON.stringify({ status: 'ok', inPlay: data });
const searchAnswer = (results) => JSON.stringify({ status: 'ok', results });
const NOT_SYNCED = JSON.stringify({ status: 'not_synced' });

// Enough turns of the microtask queue for an awaited Apex call, refreshApex and the re-render after them.
async function flushPromises() {
  for (let i = 0; i < 5; i += 1) {
    // eslint-disable-next-line no-await-in-loop
    await Promise.resolve();
  }
}

function deferred() {
  let resolve;
  let reject;
  const promise = new Promise((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function createPanel({ recordId = LEAD_ID, objectApiName = 'Lead' } = {}) {
  const element = createElement('c-sdr-battlecard', { is: SdrBattlecard });
  element.recordId = recordId;
  element.objectApiName = objectApiName;
  document.body.appendChild(element);
  return element;
}

async function createLoadedPanel(data = inPlay, options = {}) {
  const element = createPanel(options);
  getCardsInPlay.emit(inPlayAnswer(data));
  await flushPromises();
  return element;
}

const $ = (element, selector) => element.shadowRoot.querySelector(selector);
const $$ = (element, selector) => Array.from(element.shadowRoot.querySelectorAll(selector));
const text = (node) => node.textContent.replace(/\s+/g, ' ').trim();
const buttonLabelled = (element, label) => $$deep(element, 'lightning-button').find((button) => button.label === label);
const spinnerTexts = (element) => $$deep(element, 'lightning-spinner').map((spinner) => spinner.alternativeText);
const tab = (element, competitorId) => $(element, `lightning-tab[data-id="${competitorId}"]`);
const tabLabels = (element) => $$(element, 'lightning-tab').map((node) => node.label);

function typeInSearch(element, value) {
  const input = $(element, 'lightning-input.search-input');
  input.value = value;
  input.dispatchEvent(new CustomEvent('change', { detail: { value } }));
}

/** Types, lets the debounce pass and the answer arrive. */
async function searchFor(element, value) {
  typeInSearch(element, value);
  jest.advanceTimersByTime(300);
  await flushPromises();
}

const hitTexts = (element) =>
  $$(element, '.hit').map((hit) => ({
    competitor: text(hit.querySelector('.hit-competitor')),
    section: text(hit.querySelector('.hit-section')),
    snippet: text(hit.querySelector('.hit-snippet')),
  }));

const hitButton = (element, key) => $(element, `.hit-button[data-key="${key}"]`);

describe('c-sdr-battlecard', () => {
  beforeEach(() => {
    refreshApex.mockResolvedValue(undefined);
  });

  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.resetAllMocks();
    jest.useRealTimers();
  });

  describe('competitors in play', () => {
    it('asks for the cards of its record', async () => {
      createPanel();
      await flushPromises();
      expect(getCardsInPlay.getLastConfig()).toEqual({ recordId: LEAD_ID });
    });

    it('gives each competitor a tab named after it, the most recently named first and open', async () => {
      const element = await createLoadedPanel(inPlayNoCard);

      expect(tabLabels(element)).toEqual(['Trakwell Telematics', 'Routeline']);
      expect($$(element, 'lightning-tab').map((node) => node.value)).toEqual([TRAKWELL_ID, ROUTELINE_ID]);
      expect($(element, 'lightning-tabset').activeTabValue).toBe(TRAKWELL_ID);
      expect(spinnerTexts(element)).toEqual([]);
    });

    it('puts the most recently named first even when they arrive out of order', async () => {
      const element = await createLoadedPanel({ data: [...inPlayNoCard.data].reverse() });

      expect(tabLabels(element)).toEqual(['Trakwell Telematics', 'Routeline']);
      expect($(element, 'lightning-tabset').activeTabValue).toBe(TRAKWELL_ID);
    });

    it('says why a competitor is in play on a lead: the calls that named it, when, and its deals', async () => {
      const element = await createLoadedPanel(inPlay);

      const why = $$(element, '.why');
      expect(why.map(text)).toEqual(['Named on 2 calls, last', 'Listed on 1 deal']);
      // The space before the relative time is part of the text, so it is read as "last 3 hours ago".
      expect(why[0].textContent).toBe('Named on 2 calls, last ');
      const lastAt = why[0].querySelector('lightning-relative-date-time');
      expect(lastAt.value).toBe(Date.parse('2026-11-24T09:14:05.000Z'));
      expect(why[1].querySelector('lightning-relative-date-time')).toBeNull();
    });

    it('on an opportunity, says the competitor is listed on this deal', async () => {
      const element = await createLoadedPanel(inPlayNoCard, { recordId: OPPORTUNITY_ID, objectApiName: 'Opportunity' });

      const trakwell = Array.from(tab(element, TRAKWELL_ID).querySelectorAll('.why')).map(text);
      const routeline = Array.from(tab(element, ROUTELINE_ID).querySelectorAll('.why')).map(text);
      expect(trakwell).toEqual(['Named on 2 calls, last', 'Listed on this deal']);
      expect(routeline).toEqual(['Listed on this deal']);
    });

    it('counts calls and deals in words', async () => {
      const [entry] = inPlay.data;
      const once = { ...entry, mentions: { calls: 1, deals: ['d-1', 'd-2'], lastAt: entry.mentions.lastAt } };
      const element = await createLoadedPanel(
        { data: [once] },
        { recordId: '0015g00000QrStUVWX', objectApiName: 'Account' },
      );

      expect($$(element, '.why').map(text)).toEqual(['Named on 1 call, last', 'Listed on 2 deals']);
    });

    it('lists the names the competitor also goes by', async () => {
      const element = await createLoadedPanel(inPlay);

      expect(text($(element, '.aliases'))).toBe('Also called Trakwell, Trak Well, TWT');
    });

    it("shows the card's title and sections, bodies line by line, bullets and items as lists", async () => {
      const element = await createLoadedPanel(inPlay);

      expect(text($(element, '.card-title'))).toBe('FleetPulse vs Trakwell Telematics');
      const sections = $$(element, '.card-section').map((section) => ({
        key: section.dataset.key,
        title: text(section.querySelector('.section-title')),
        paragraphs: Array.from(section.querySelectorAll('p.body-line')).map(text),
        bullets: Array.from(section.querySelectorAll('ul.body-list li')).map(text),
        items: Array.from(section.querySelectorAll('.item')).map((item) => ({
          label: item.querySelector('.item-label') ? text(item.querySelector('.item-label')) : null,
          text: Array.from(item.querySelectorAll('.item-line')).map(text).join(' '),
        })),
      }));
      expect(sections).toEqual([
        {
          key: 'why_we_win',
          title: 'Why we win',
          paragraphs: [],
          bullets: [
            'Driver app included: Trakwell charges £4 per driver per month for theirs.',
            'Tachograph downloads built in, no third-party add-on.',
            'Live ETA sharing with customers out of the box.',
          ],
          items: [],
        },
        {
          key: 'landmines',
          title: 'Landmines to lay',
          paragraphs: ['Ask questions that expose their gaps before pricing comes up.'],
          bullets: [],
          items: [
            {
              label: null,
              text: 'How do your drivers download tachograph data today, and how long does it take each week?',
            },
          ],
        },
        {
          key: 'objection_handlers',
          title: 'Objections',
          paragraphs: ['Acknowledge, then bring it back to total cost.'],
          bullets: [],
          items: [
            {
              label: 'Trakwell is cheaper per vehicle',
              text:
                'Their headline price leaves out the driver app and tacho add-on. For 140 vans that is about ' +
                '£8,000 a year more; happy to walk through it line by line.',
            },
            {
              label: 'We are locked into a three-year contract',
              text: 'Most customers switch at renewal; we can run a 30-day pilot on 10 vans before then.',
            },
          ],
        },
      ]);
      // Bullets and items are real lists, so assistive tech announces them as such.
      expect($$(element, 'ul.items')).toHaveLength(2);
    });

    it('keeps the line breaks of a body and of an item', async () => {
      const [entry] = inPlay.data;
      const card = entry.cards[0];
      const section = {
        key: 'talk_tracks',
        title: 'Talk tracks',
        body: 'First line\nSecond line\n\n## Third line',
        items: [{ label: null, text: 'Open with the tacho question.\n- then the driver app', triggers: [] }],
      };
      const element = await createLoadedPanel({ data: [{ ...entry, cards: [{ ...card, sections: [section] }] }] });

      expect($$(element, 'p.body-line').map(text)).toEqual(['First line', 'Second line', 'Third line']);
      expect($$(element, '.item-line').map(text)).toEqual([
        'Open with the tacho question.',
        '\u2022 then the driver app',
      ]);
    });

    it('never turns card text into markup', async () => {
      const [entry] = inPlay.data;
      const card = entry.cards[0];
      const section = {
        key: 'overview',
        title: 'Overview <em>now</em>',
        body: '<img src="x" onerror="alert(1)"> and <b>bold</b>',
        items: [{ label: '<script>alert(2)</script>', text: '<a href="javascript:alert(3)">call</a>', triggers: [] }],
      };
      const element = await createLoadedPanel({ data: [{ ...entry, cards: [{ ...card, sections: [section] }] }] });

      const body = $(element, '.card-section');
      expect(body.querySelector('img, b, em, script, a')).toBeNull();
      expect(text(body.querySelector('.section-title'))).toBe('Overview <em>now</em>');
      expect(text(body.querySelector('.body-line'))).toBe('<img src="x" onerror="alert(1)"> and <b>bold</b>');
      expect(text(body.querySelector('.item-label'))).toBe('<script>alert(2)</script>');
    });

    it('shows when a fresh card was reviewed, without a stale badge', async () => {
      const element = await createLoadedPanel(inPlay);

      expect($(element, '.stale-badge')).toBeNull();
      expect(text($(element, '.reviewed'))).toBe('Reviewed');
      expect($(element, '.reviewed-at').value).toBe(Date.parse('2026-10-30T15:20:00.000Z'));
      expect(tab(element, TRAKWELL_ID).endIconName).toBeUndefined();
    });

    it('marks a stale card with a badge and its last review date, and its tab with a warning', async () => {
      const element = await createLoadedPanel(inPlayStale);

      const badge = $(element, '.stale-badge');
      expect(badge.label).toBe('Stale');
      expect(badge.iconName).toBe('utility:warning');
      expect(text($(element, '.reviewed'))).toBe('Last reviewed');
      expect($(element, '.reviewed-label').textContent).toBe('Last reviewed ');
      expect($(element, '.reviewed-at').value).toBe(Date.parse('2026-07-21T10:00:00.000Z'));
      expect(tab(element, TRAKWELL_ID).endIconName).toBe('utility:warning');
      expect(tab(element, TRAKWELL_ID).endIconAlternativeText).toBe('Stale battlecard');
    });

    it('says so when a competitor has no battlecard yet', async () => {
      const element = await createLoadedPanel(inPlayNoCard);

      const routeline = tab(element, ROUTELINE_ID);
      expect(text(routeline.querySelector('.no-card'))).toBe('No battlecard yet — ask your enablement team.');
      expect(routeline.querySelector('.battlecard')).toBeNull();
      expect(tab(element, TRAKWELL_ID).querySelector('.no-card')).toBeNull();
    });

    it('switches competitors and stays on the chosen one when the cards are refreshed', async () => {
      const element = await createLoadedPanel(inPlayNoCard);

      tab(element, ROUTELINE_ID).dispatchEvent(new CustomEvent('active'));
      await flushPromises();
      expect($(element, 'lightning-tabset').activeTabValue).toBe(ROUTELINE_ID);

      getCardsInPlay.emit(inPlayAnswer(inPlayNoCard));
      await flushPromises();
      expect($(element, 'lightning-tabset').activeTabValue).toBe(ROUTELINE_ID);

      // Once the competitor is no longer in play, the first one opens instead.
      getCardsInPlay.emit(inPlayAnswer(inPlay));
      await flushPromises();
      expect(tabLabels(element)).toEqual(['Trakwell Telematics']);
      expect($(element, 'lightning-tabset').activeTabValue).toBe(TRAKWELL_ID);
    });

    it('offers the search beside the cards', async () => {
      const element = await createLoadedPanel(inPlay);

      const input = $(element, 'lightning-input.search-input');
      expect(input.type).toBe('search');
      expect(input.label).toBe('Search all battlecards');
      expect(input.maxLength).toBe(200);
    });

    it('is accessible', async () => {
      const element = await createLoadedPanel(inPlayNoCard);

      await expect(element).toBeAccessible();
    });

    it('is accessible with a stale card', async () => {
      const element = await createLoadedPanel(inPlayStale);

      await expect(element).toBeAccessible();
    });
  });

  describe('nothing in play', () => {
    it('says no competitor has come up and still offers the search', async () => {
      const element = await createLoadedPanel(inPlayEmpty);

      expect(text($(element, '.nothing-in-play'))).toBe(
        "No competitors mentioned on this record's calls or deals yet.",
      );
      expect($(element, 'lightning-tabset')).toBeNull();
      expect($(element, 'lightning-input.search-input')).not.toBeNull();
    });

    it('searches all the cards', async () => {
      jest.useFakeTimers();
      searchCards.mockResolvedValue(searchAnswer(searchResults));
      const element = await createLoadedPanel(inPlayEmpty);

      await searchFor(element, 'cheaper');

      expect(searchCards).toHaveBeenCalledWith({ query: 'cheaper' });
      // Without competitors in play the panel knows no names, so the card titles say whose cards they are.
      expect(hitTexts(element).map((hit) => hit.competitor)).toEqual([
        'FleetPulse vs Trakwell Telematics',
        'FleetPulse vs Trakwell Telematics',
        'FleetPulse vs Vantage Fleet',
      ]);
    });

    it('is accessible', async () => {
      const element = await createLoadedPanel(inPlayEmpty);

      await expect(element).toBeAccessible();
    });
  });

  describe('loading', () => {
    it('shows a spinner with alternative text until the wire emits', async () => {
      const element = createPanel();
      await flushPromises();

      expect(spinnerTexts(element)).toEqual(['Loading battlecards']);
      expect($(element, 'lightning-tabset')).toBeNull();
      expect($deep(element, '.empty-message')).toBeNull();
    });

    it('is accessible', async () => {
      const element = createPanel();
      await flushPromises();

      await expect(element).toBeAccessible();
    });
  });

  describe('not synced', () => {
    it('explains that the record syncs soon and offers to check again', async () => {
      const element = createPanel();
      getCardsInPlay.emit(NOT_SYNCED);
      await flushPromises();

      expect(text($deep(element, '.empty-message'))).toBe(
        'This record is not in the SDR service yet. It syncs within a few minutes.',
      );
      expect($(element, 'lightning-tabset')).toBeNull();

      buttonLabelled(element, 'Check again').click();
      await flushPromises();

      expect(refreshApex).toHaveBeenCalledTimes(1);
      expect(refreshApex.mock.calls[0][0]).toEqual({ data: NOT_SYNCED, error: undefined });
    });

    it('shows the competitors once the record has synced', async () => {
      const element = createPanel();
      getCardsInPlay.emit(NOT_SYNCED);
      await flushPromises();

      getCardsInPlay.emit(inPlayAnswer(inPlay));
      await flushPromises();

      expect($deep(element, '.empty-message')).toBeNull();
      expect(tabLabels(element)).toEqual(['Trakwell Telematics']);
    });

    it('still offers the search', async () => {
      jest.useFakeTimers();
      searchCards.mockResolvedValue(searchAnswer(searchResults));
      const element = createPanel();
      getCardsInPlay.emit(NOT_SYNCED);
      await flushPromises();

      await searchFor(element, 'tacho');

      expect(searchCards).toHaveBeenCalledWith({ query: 'tacho' });
      expect($$(element, '.hit')).toHaveLength(3);
    });

    it('is accessible', async () => {
      const element = createPanel();
      getCardsInPlay.emit(NOT_SYNCED);
      await flushPromises();

      await expect(element).toBeAccessible();
    });
  });

  describe('error', () => {
    it('shows the message written for the rep and tries again with refreshApex', async () => {
      const element = createPanel();
      getCardsInPlay.error({
        message: UNREACHABLE,
        stackTrace: 'Class.SdrBattlecardController.getCardsInPlay: line 9',
      });
      await flushPromises();

      const alert = $deep(element, '[role="alert"]');
      expect(text(alert)).toBe(UNREACHABLE);
      expect(deepText(element)).not.toContain('SdrBattlecardController');
      expect($(element, 'lightning-tabset')).toBeNull();

      buttonLabelled(element, 'Try again').click();
      await flushPromises();

      expect(refreshApex).toHaveBeenCalledTimes(1);
      expect(refreshApex.mock.calls[0][0].error.body.message).toBe(UNREACHABLE);
    });

    it('shows the cards when trying again works', async () => {
      const element = createPanel();
      getCardsInPlay.error({ message: UNREACHABLE });
      await flushPromises();
      refreshApex.mockImplementation(() => {
        getCardsInPlay.emit(inPlayAnswer(inPlay));
        return Promise.resolve();
      });

      buttonLabelled(element, 'Try again').click();
      await flushPromises();

      expect($deep(element, '.error-message')).toBeNull();
      expect(tabLabels(element)).toEqual(['Trakwell Telematics']);
    });

    it('shows the no-permission message as it comes', async () => {
      const element = createPanel();
      getCardsInPlay.error({ message: NO_PERMISSION }, 403, 'Forbidden');
      await flushPromises();

      expect(text($deep(element, '.error-message'))).toBe(NO_PERMISSION);
    });

    it('falls back to a plain message when the error carries none', async () => {
      const element = createPanel();
      getCardsInPlay.error({ stackTrace: 'System.NullPointerException' }, 500, 'Server Error');
      await flushPromises();

      expect(text($deep(element, '.error-message'))).toBe(
        'Something went wrong loading the battlecards. Try again in a minute.',
      );
    });

    it.each([
      ['broken JSON', '{"status":"ok"'],
      ['no competitors list', JSON.stringify({ status: 'ok', inPlay: {} })],
      [
        'a competitor without mentions',
        JSON.stringify({ status: 'ok', inPlay: { data: [{ competitor: { id: 'c', name: 'C' }, cards: [] }] } }),
      ],
      ['an unknown status', JSON.stringify({ status: 'scored' })],
    ])('says so in words when the answer has %s', async (_, payload) => {
      const element = createPanel();
      getCardsInPlay.emit(payload);
      await flushPromises();

      expect(text($deep(element, '.error-message'))).toBe(
        'The SDR service sent battlecards this panel cannot read. Try again in a minute.',
      );
    });

    it('shows a spinner while trying again and keeps the button from a second press', async () => {
      const pending = deferred();
      refreshApex.mockReturnValue(pending.promise);
      const element = createPanel();
      getCardsInPlay.error({ message: UNREACHABLE });
      await flushPromises();

      buttonLabelled(element, 'Try again').click();
      await flushPromises();
      expect(spinnerTexts(element)).toEqual(['Checking again']);
      expect(buttonLabelled(element, 'Try again').disabled).toBe(true);
      buttonLabelled(element, 'Try again').click();
      expect(refreshApex).toHaveBeenCalledTimes(1);

      pending.resolve();
      await flushPromises();
      expect(spinnerTexts(element)).toEqual([]);
    });

    it('shows the message of a retry that fails', async () => {
      refreshApex.mockRejectedValue({ body: { message: 'The SDR service is busy. Try again in a moment.' } });
      const element = createPanel();
      getCardsInPlay.error({ message: UNREACHABLE });
      await flushPromises();

      buttonLabelled(element, 'Try again').click();
      await flushPromises();

      expect(text($deep(element, '.error-message'))).toBe('The SDR service is busy. Try again in a moment.');
    });

    it('is accessible', async () => {
      const element = createPanel();
      getCardsInPlay.error({ message: UNREACHABLE });
      await flushPromises();

      await expect(element).toBeAccessible();
    });
  });

  describe('search', () => {
    beforeEach(() => {
      jest.useFakeTimers();
    });

    it('waits for a pause in typing, then searches once with the last words', async () => {
      searchCards.mockResolvedValue(searchAnswer(searchResults));
      const element = await createLoadedPanel(inPlay);

      typeInSearch(element, 'ch');
      jest.advanceTimersByTime(200);
      typeInSearch(element, 'chea');
      jest.advanceTimersByTime(200);
      typeInSearch(element, 'cheaper');
      jest.advanceTimersByTime(299);
      expect(searchCards).not.toHaveBeenCalled();

      jest.advanceTimersByTime(1);
      await flushPromises();
      expect(searchCards).toHaveBeenCalledTimes(1);
      expect(searchCards).toHaveBeenCalledWith({ query: 'cheaper' });
    });

    it('sends the words without the spaces around them', async () => {
      searchCards.mockResolvedValue(searchAnswer(searchResults));
      const element = await createLoadedPanel(inPlay);

      await searchFor(element, '  driver app  ');

      expect(searchCards).toHaveBeenCalledWith({ query: 'driver app' });
    });

    it('asks for at least two characters before searching', async () => {
      const element = await createLoadedPanel(inPlay);

      await searchFor(element, ' c ');

      expect(searchCards).not.toHaveBeenCalled();
      expect(text($(element, '.search-status'))).toBe('Type at least 2 characters to search.');

      await searchFor(element, '');
      expect(text($(element, '.search-status'))).toBe('');
    });

    it('shows that it is searching', async () => {
      const pending = deferred();
      searchCards.mockReturnValue(pending.promise);
      const element = await createLoadedPanel(inPlay);

      await searchFor(element, 'cheaper');

      expect($(element, 'lightning-input.search-input').isLoading).toBe(true);
      expect(text($(element, '.search-status'))).toBe('Searching\u2026');

      pending.resolve(searchAnswer(searchResults));
      await flushPromises();
      expect($(element, 'lightning-input.search-input').isLoading).toBe(false);
    });

    it('lists the hits with their competitor, section and a plain-text snippet', async () => {
      searchCards.mockResolvedValue(searchAnswer(searchResults));
      const element = await createLoadedPanel(inPlay);

      await searchFor(element, 'cheaper');

      expect(text($(element, '.search-status'))).toBe('3 matches for \u201ccheaper\u201d');
      const hits = hitTexts(element);
      expect(hits[0]).toEqual({
        competitor: 'Trakwell Telematics',
        section: 'Objections: Trakwell is cheaper per vehicle',
        snippet:
          'Their headline price leaves out the driver app and tacho add-on. For 140 vans that is about ' +
          '£8,000 a year more; happy to walk through it line by line.',
      });
      expect(hits[1].competitor).toBe('Trakwell Telematics');
      expect(hits[1].section).toBe('Why we win');
      // Long text is cut at a word, and Markdown markers do not show.
      expect(hits[1].snippet).toBe(
        'Driver app included: Trakwell charges £4 per driver per month for theirs. Tachograph downloads built in, ' +
          'no third-party add-on. Live ETA sharing with customers\u2026',
      );
      // A card whose competitor is not in play is named by its title; a stale card says so.
      expect(hits[2]).toEqual({
        competitor: 'FleetPulse vs Vantage Fleet',
        section: 'Pricing (stale)',
        snippet:
          'Vantage prices per vehicle with a 50-van minimum, so it looks cheaper only for large fleets. ' +
          'Ask how many vans they run today. Ask what they pay for vans\u2026',
      });
      expect($$(element, '.hit-button').map((button) => button.getAttribute('type'))).toEqual([
        'button',
        'button',
        'button',
      ]);
    });

    it('says when nothing matches', async () => {
      searchCards.mockResolvedValue(searchAnswer({ data: [] }));
      const element = await createLoadedPanel(inPlay);

      await searchFor(element, 'zzz');

      expect($$(element, '.hit')).toHaveLength(0);
      expect(text($(element, '.search-status'))).toBe('No battlecard matches \u201czzz\u201d.');
    });

    it('shows only the answer to the latest words when answers arrive out of order', async () => {
      const slow = deferred();
      searchCards
        .mockReturnValueOnce(slow.promise)
        .mockResolvedValueOnce(searchAnswer({ data: [searchResults.data[2]] }));
      const element = await createLoadedPanel(inPlay);

      await searchFor(element, 'cheap');
      await searchFor(element, 'vantage');
      slow.resolve(searchAnswer(searchResults));
      await flushPromises();

      expect(hitTexts(element).map((hit) => hit.competitor)).toEqual(['FleetPulse vs Vantage Fleet']);
      expect(text($(element, '.search-status'))).toBe('1 match for \u201cvantage\u201d');
    });

    it('clears the hits when the words get too short, ignoring an answer still on its way', async () => {
      const slow = deferred();
      searchCards.mockResolvedValueOnce(searchAnswer(searchResults)).mockReturnValueOnce(slow.promise);
      const element = await createLoadedPanel(inPlay);
      await searchFor(element, 'cheaper');
      await searchFor(element, 'tacho');

      await searchFor(element, 't');
      slow.resolve(searchAnswer(searchResults));
      await flushPromises();

      expect($$(element, '.hit')).toHaveLength(0);
      expect($(element, 'lightning-input.search-input').isLoading).toBe(false);
    });

    it('sends nothing once the panel is gone', async () => {
      const element = await createLoadedPanel(inPlay);

      typeInSearch(element, 'cheaper');
      document.body.removeChild(element);
      jest.advanceTimersByTime(1000);

      expect(searchCards).not.toHaveBeenCalled();
    });

    it('opens the whole section of a hit on a card in play, marks the match and moves to its competitor', async () => {
      searchCards.mockResolvedValue(searchAnswer(searchResults));
      const element = await createLoadedPanel(inPlayNoCard);
      tab(element, ROUTELINE_ID).dispatchEvent(new CustomEvent('active'));
      await searchFor(element, 'cheaper');

      hitButton(element, `${CARD_ID}:objection_handlers:0`).click();
      await flushPromises();

      const chosen = $(element, '.chosen');
      expect(text(chosen.querySelector('.chosen-title'))).toBe('Objections');
      expect(text(chosen.querySelector('.chosen-source'))).toBe(
        'Trakwell Telematics \u00b7 FleetPulse vs Trakwell Telematics',
      );
      expect(Array.from(chosen.querySelectorAll('.body-line')).map(text)).toEqual([
        'Acknowledge, then bring it back to total cost.',
      ]);
      const items = Array.from(chosen.querySelectorAll('.item'));
      expect(items.map((item) => text(item.querySelector('.item-label')))).toEqual([
        'Trakwell is cheaper per vehicle',
        'We are locked into a three-year contract',
      ]);
      expect(items.map((item) => item.classList.contains('item_match'))).toEqual([true, false]);
      expect(text(items[0].querySelector('.slds-assistive-text'))).toBe('Matches your search:');
      expect(chosen.querySelector('.chosen-partial')).toBeNull();
      expect(chosen.querySelector('.stale-badge')).toBeNull();
      // The list gives way to the section, and focus follows so keyboard users are not left on nothing.
      expect($$(element, '.hit')).toHaveLength(0);
      expect(element.shadowRoot.activeElement).toBe(chosen.querySelector('.chosen-title'));
      expect($(element, 'lightning-tabset').activeTabValue).toBe(TRAKWELL_ID);
    });

    it('opens a section hit with its body', async () => {
      searchCards.mockResolvedValue(searchAnswer(searchResults));
      const element = await createLoadedPanel(inPlay);
      await searchFor(element, 'driver app');

      hitButton(element, `${CARD_ID}:why_we_win:text`).click();
      await flushPromises();

      const chosen = $(element, '.chosen');
      expect(text(chosen.querySelector('.chosen-title'))).toBe('Why we win');
      expect(Array.from(chosen.querySelectorAll('ul.body-list li')).map(text)).toHaveLength(3);
      expect(chosen.querySelector('.item')).toBeNull();
    });

    it('shows what it knows of a card not in play: the matching text, stale badge and a note', async () => {
      searchCards.mockResolvedValue(searchAnswer(searchResults));
      const element = await createLoadedPanel(inPlay);
      await searchFor(element, 'vantage');

      hitButton(element, 'f1a8c3e5-7b9d-4e2f-a6c8-0d2e4f6a8b1c:pricing:text').click();
      await flushPromises();

      const chosen = $(element, '.chosen');
      expect(text(chosen.querySelector('.chosen-title'))).toBe('Pricing');
      expect(text(chosen.querySelector('.chosen-source'))).toBe('FleetPulse vs Vantage Fleet');
      expect(chosen.querySelector('.stale-badge').label).toBe('Stale');
      expect(chosen.querySelector('.reviewed-at')).toBeNull();
      expect(Array.from(chosen.querySelectorAll('p.body-line')).map(text)).toEqual([
        'Vantage prices per vehicle with a 50-van minimum, so it looks cheaper only for large fleets.',
      ]);
      expect(Array.from(chosen.querySelectorAll('ul.body-list li')).map(text)).toEqual([
        'Ask how many vans they run today.',
        'Ask what they pay for vans parked over winter.',
      ]);
      expect(text(chosen.querySelector('.chosen-partial'))).toBe(
        'Only the matching text is shown: this card is not in play on this record.',
      );
      expect($(element, 'lightning-tabset').activeTabValue).toBe(TRAKWELL_ID);
    });

    it('shows a stale card section with the date it was last reviewed', async () => {
      const staleHits = { data: searchResults.data.map((hit) => ({ ...hit, stale: hit.battlecardId === CARD_ID })) };
      searchCards.mockResolvedValue(searchAnswer(staleHits));
      const element = await createLoadedPanel(inPlayStale);
      await searchFor(element, 'cheaper');

      hitButton(element, `${CARD_ID}:objection_handlers:0`).click();
      await flushPromises();

      const chosen = $(element, '.chosen');
      expect(chosen.querySelector('.stale-badge').label).toBe('Stale');
      expect(chosen.querySelector('.reviewed-at').value).toBe(Date.parse('2026-07-21T10:00:00.000Z'));
    });

    it('goes back to the hits, focusing the one it came from', async () => {
      searchCards.mockResolvedValue(searchAnswer(searchResults));
      const element = await createLoadedPanel(inPlay);
      await searchFor(element, 'cheaper');
      const key = `${CARD_ID}:why_we_win:text`;
      hitButton(element, key).click();
      await flushPromises();

      buttonLabelled(element, 'Back to results').click();
      await flushPromises();

      expect($(element, '.chosen')).toBeNull();
      expect($$(element, '.hit')).toHaveLength(3);
      expect(element.shadowRoot.activeElement).toBe(hitButton(element, key));
    });

    it('closes the chosen section when the words change', async () => {
      searchCards.mockResolvedValue(searchAnswer(searchResults));
      const element = await createLoadedPanel(inPlay);
      await searchFor(element, 'cheaper');
      hitButton(element, `${CARD_ID}:why_we_win:text`).click();
      await flushPromises();

      await searchFor(element, 'cheaper per van');

      expect($(element, '.chosen')).toBeNull();
      expect(searchCards).toHaveBeenCalledTimes(2);
      expect($$(element, '.hit')).toHaveLength(3);
    });

    it('shows the message of a failed search and tries again on request', async () => {
      searchCards.mockRejectedValueOnce({ body: { message: UNREACHABLE }, status: 503 });
      const element = await createLoadedPanel(inPlay);

      await searchFor(element, 'cheaper');

      const alert = $(element, '.search-error');
      expect(alert.getAttribute('role')).toBe('alert');
      expect(text(alert)).toBe(UNREACHABLE);
      expect($$(element, '.hit')).toHaveLength(0);
      // The cards in play are untouched by a failed search.
      expect(tabLabels(element)).toEqual(['Trakwell Telematics']);

      searchCards.mockResolvedValueOnce(searchAnswer(searchResults));
      $(element, 'lightning-button.search-retry').click();
      await flushPromises();

      expect(searchCards).toHaveBeenCalledTimes(2);
      expect(searchCards.mock.calls[1][0]).toEqual({ query: 'cheaper' });
      expect($(element, '.search-error')).toBeNull();
      expect($$(element, '.hit')).toHaveLength(3);
    });

    it('says plainly that the search failed when the error carries no message', async () => {
      searchCards.mockRejectedValueOnce(new TypeError("Cannot read properties of undefined (reading 'data')"));
      const element = await createLoadedPanel(inPlay);

      await searchFor(element, 'cheaper');

      expect(text($(element, '.search-error-message'))).toBe(
        'Searching the battlecards did not work. Try again in a minute.',
      );
    });

    it('says so in words when the search answer cannot be read', async () => {
      searchCards.mockResolvedValueOnce(JSON.stringify({ status: 'ok', results: { hits: [] } }));
      const element = await createLoadedPanel(inPlay);

      await searchFor(element, 'cheaper');

      expect(text($(element, '.search-error-message'))).toBe(
        'The SDR service sent battlecards this panel cannot read. Try again in a minute.',
      );
    });

    it('is accessible with hits listed', async () => {
      searchCards.mockResolvedValue(searchAnswer(searchResults));
      const element = await createLoadedPanel(inPlay);
      await searchFor(element, 'cheaper');
      jest.useRealTimers();

      await expect(element).toBeAccessible();
    });

    it('is accessible with a section open', async () => {
      searchCards.mockResolvedValue(searchAnswer(searchResults));
      const element = await createLoadedPanel(inPlay);
      await searchFor(element, 'cheaper');
      hitButton(element, `${CARD_ID}:objection_handlers:0`).click();
      await flushPromises();
      jest.useRealTimers();

      await expect(element).toBeAccessible();
    });

    it('is accessible with a failed search', async () => {
      searchCards.mockRejectedValueOnce({ body: { message: UNREACHABLE } });
      const element = await createLoadedPanel(inPlay);
      await searchFor(element, 'cheaper');
      jest.useRealTimers();

      await expect(element).toBeAccessible();
    });
  });

  describe('outside a record page', () => {
    it('says where the panel belongs instead of loading forever, and still searches', async () => {
      jest.useFakeTimers();
      searchCards.mockResolvedValue(searchAnswer(searchResults));
      // App pages have no record, so recordId is never set there.
      const element = createElement('c-sdr-battlecard', { is: SdrBattlecard });
      document.body.appendChild(element);
      await flushPromises();

      expect(spinnerTexts(element)).toEqual([]);
      expect(text($(element, '.no-record'))).toBe(
        'Add this panel to a Lead, Contact, Opportunity or Account record page to see the competitors in play.',
      );

      await searchFor(element, 'cheaper');
      expect($$(element, '.hit')).toHaveLength(3);
    });

    it('is accessible', async () => {
      const element = createElement('c-sdr-battlecard', { is: SdrBattlecard });
      document.body.appendChild(element);
      await flushPromises();

      await expect(element).toBeAccessible();
    });
  });
});
