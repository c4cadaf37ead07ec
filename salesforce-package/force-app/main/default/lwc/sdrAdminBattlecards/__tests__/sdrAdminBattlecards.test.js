import { createElement } from 'lwc';
import SdrAdminBattlecards from 'c/sdrAdminBattlecards';
import listCompetitors from '@salesforce/apex/SdrAdminController.listCompetitors';
import saveCompetitor from '@salesforce/apex/SdrAdminController.saveCompetitor';
import listBattlecards from '@salesforce/apex/SdrAdminController.listBattlecards';
import saveBattlecard from '@salesforce/apex/SdrAdminController.saveBattlecard';
import { ShowToastEventName } from 'lightning/platformShowToastEvent';
import competitors from './data/competitors.json';
import battlecards from './data/battlecards.json';
import { $$deep, $deep } from '../../../../../test/panelState';

jest.mock('@salesforce/apex/SdrAdminController.listCompetitors', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/SdrAdminController.saveCompetitor', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/SdrAdminController.listBattlecards', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/SdrAdminController.saveBattlecard', () => ({ default: jest.fn() }), { virtual: true });

const UNREACHABLE = 'The SDR service cannot be reached right now. Try again in a minute.';
const NO_PERMISSION = 'You need the SDR Admin permission set to do this. Ask your Salesforce admin.';
const ok = (data) => JSON.stringify({ status: 'ok', data });
const trakwell = competitors.data[0];
const card = battlecards.data[0];

async function flushPromises() {
  for (let i = 0; i < 8; i += 1) {
    // eslint-disable-next-line no-await-in-loop
    await Promise.resolve();
  }
}

const $ = (element, selector) => element.shadowRoot.querySelector(selector);
const $$ = (element, selector) => Array.from(element.shadowRoot.querySelectorAll(selector));
const text = (node) => node.textContent.replace(/\s+/g, ' ').trim();

function type(input, value) {
  input.value = value;
  input.dispatchEvent(new CustomEvent('change', { detail: { value } }));
}

async function create() {
  const element = createElement('c-sdr-admin-battlecards', { is: SdrAdminBattlecards });
  document.body.appendChild(element);
  await flushPromises();
  return element;
}

async function editCard(element) {
  $(element, '.edit-card').click();
  await flushPromises();
}

const sent = (mock) => JSON.parse(mock.mock.calls[0][0].bodyJson);

describe('c-sdr-admin-battlecards', () => {
  beforeEach(() => {
    listCompetitors.mockResolvedValue(ok(competitors));
    listBattlecards.mockResolvedValue(ok(battlecards));
  });

  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
  });

  it('picks the first competitor and lists its cards from the contract examples', async () => {
    const element = await create();
    expect($(element, '.competitor-picker').value).toBe(trakwell.id);
    expect($(element, '.competitor-picker').options).toEqual([{ label: 'Trakwell Telematics', value: trakwell.id }]);
    expect(text($(element, '.aliases'))).toBe('Also heard as Trakwell, Trak Well, TWT.');
    expect(listBattlecards).toHaveBeenCalledWith({ competitorId: trakwell.id });
    expect(text($(element, '.card-title'))).toBe('FleetPulse vs Trakwell Telematics');
    expect(text($(element, '.card-version'))).toBe('Version 3');
    expect(text($(element, '.card-reviewed'))).toBe('Reviewed Oct 30, 2026');
    expect($(element, '.stale')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('marks a stale card', async () => {
    listBattlecards.mockResolvedValue(ok({ data: [{ ...card, stale: true }] }));
    const element = await create();
    expect(text($(element, '.stale'))).toBe('Needs review');
    await editCard(element);
    expect($(element, '.stale-notice')).not.toBeNull();
  });

  it('opens a card in the editor, section by section', async () => {
    const element = await create();
    await editCard(element);
    expect(text($(element, '.editor-heading'))).toBe('Edit FleetPulse vs Trakwell Telematics, version 3');
    expect($$(element, '.section-heading').map(text)).toEqual(['Why we win', 'Landmines to lay', 'Objections']);
    expect($$(element, '.item-label').map((input) => input.value)).toEqual([
      '',
      'Trakwell is cheaper per vehicle',
      'We are locked into a three-year contract',
    ]);
    expect($$(element, '.item-triggers')[1].value).toBe('cheaper, lower price, less per vehicle');
    // Only the sections the card does not have yet can be added.
    expect($(element, '.new-section-key').options.map((option) => option.value)).not.toContain('landmines');
    expect($(element, '.save-card').disabled).toBe(true);
    await expect(element).toBeAccessible();
  });

  it('saves a change as a new version with every section, and leaves the card list current', async () => {
    saveBattlecard.mockResolvedValue(ok({ ...card, version: 4, title: 'FleetPulse vs Trakwell' }));
    const element = await create();
    const toast = jest.fn();
    element.addEventListener(ShowToastEventName, toast);
    await editCard(element);

    type($(element, '.card-title-input'), 'FleetPulse vs Trakwell');
    type($$(element, '.item-triggers')[2], 'contract, locked in');
    await flushPromises();
    expect($(element, '.unsaved')).not.toBeNull();
    expect($(element, '.competitor-picker').disabled).toBe(true);
    $(element, '.save-card').click();
    await flushPromises();

    expect(saveBattlecard.mock.calls[0][0].battlecardId).toBe(card.id);
    const sections = card.sections.map((section) => ({ ...section }));
    sections[2] = {
      ...sections[2],
      items: [sections[2].items[0], { ...sections[2].items[1], triggers: ['contract', 'locked in'] }],
    };
    expect(sent(saveBattlecard)).toEqual({ title: 'FleetPulse vs Trakwell', staleAfterDays: 90, sections });
    expect(toast.mock.calls[0][0].detail.title).toBe('Battlecard saved as a new version');
    expect($(element, '.editor')).toBeNull();
    expect(text($(element, '.card-version'))).toBe('Version 4');
    expect($(element, '.competitor-picker').disabled).toBe(false);
  });

  it('marks a card reviewed today', async () => {
    saveBattlecard.mockResolvedValue(ok(card));
    const element = await create();
    await editCard(element);
    const box = $(element, '.mark-reviewed');
    box.checked = true;
    box.dispatchEvent(new CustomEvent('change'));
    await flushPromises();
    $(element, '.save-card').click();
    await flushPromises();
    const { reviewedAt } = sent(saveBattlecard);
    expect(Math.abs(Date.parse(reviewedAt) - Date.now())).toBeLessThan(60 * 1000);
  });

  it('adds and removes sections and items', async () => {
    saveBattlecard.mockResolvedValue(ok(card));
    const element = await create();
    await editCard(element);
    $$(element, '.remove-section')[0].click();
    await flushPromises();
    type($(element, '.new-section-key'), 'pricing');
    await flushPromises();
    $(element, '.add-section').click();
    await flushPromises();
    $$(element, '.add-item')[2].click();
    await flushPromises();
    const pricing = $$(element, '.section')[2];
    type(pricing.querySelector('.item-label'), 'Is it per vehicle?');
    type(pricing.querySelector('.item-text'), 'Yes, £18 per vehicle a month, driver app included.');
    type(pricing.querySelector('.item-triggers'), 'per vehicle, price');
    $$(element, '.remove-item')[0].click();
    await flushPromises();
    $(element, '.save-card').click();
    await flushPromises();

    const { sections } = sent(saveBattlecard);
    expect(sections.map((section) => section.key)).toEqual(['landmines', 'objection_handlers', 'pricing']);
    expect(sections[0].items).toEqual([]);
    expect(sections[2]).toEqual({
      key: 'pricing',
      title: 'Pricing',
      body: '',
      items: [
        {
          label: 'Is it per vehicle?',
          text: 'Yes, £18 per vehicle a month, driver app included.',
          triggers: ['per vehicle', 'price'],
        },
      ],
    });
  });

  it('adds a new card for the competitor, reviewed today', async () => {
    saveBattlecard.mockResolvedValue(
      ok({ ...card, id: 'e8f3c6da-1b50-4f24-9c7e-d3a0b2f8c461', title: 'New card', version: 1 }),
    );
    listBattlecards.mockResolvedValue(ok({ data: [] }));
    const element = await create();
    expect($(element, '.no-cards')).not.toBeNull();
    $(element, '.new-card').click();
    await flushPromises();
    expect($(element, '.save-card').label).toBe('Add battlecard');
    type($(element, '.section-body'), '- Driver app included');
    $(element, '.save-card').click();
    await flushPromises();

    expect(saveBattlecard.mock.calls[0][0].battlecardId).toBeNull();
    const body = sent(saveBattlecard);
    expect(body).toMatchObject({
      competitorId: trakwell.id,
      title: 'Us vs Trakwell Telematics',
      staleAfterDays: 90,
      sections: [{ key: 'why_we_win', title: 'Why we win', body: '- Driver app included', items: [] }],
    });
    expect(body.reviewedAt).toEqual(expect.any(String));
    expect($$(element, '.card-row')).toHaveLength(1);
  });

  it('shows the service’s problems next to the section and item they concern', async () => {
    saveBattlecard.mockResolvedValue(
      JSON.stringify({
        status: 'invalid',
        message: 'body.sections.2.items.0.text: Too small: expected string to have >=1 characters; …',
        errors: [
          { field: 'body.sections.2.items.0.text', message: 'Too small: expected string to have >=1 characters' },
          { field: 'body.title', message: 'Too small: expected string to have >=1 characters' },
          { field: 'body.sections', message: 'duplicate section pricing' },
        ],
      }),
    );
    const element = await create();
    await editCard(element);
    type($(element, '.card-title-input'), '');
    type($$(element, '.item-text')[1], '');
    $(element, '.save-card').click();
    await flushPromises();

    expect(text($deep(element, '.form-error'))).toMatch(/^Some values need changing\./);
    expect(text($$(element, '.section')[2].querySelector('.item .field-error'))).toMatch(/^Too small/);
    expect($$deep(element, '.unplaced-error').map(text)).toEqual(['duplicate section pricing']);
    expect($(element, '.editor')).not.toBeNull();
    await expect(element).toBeAccessible();
  });

  it('discards unsaved changes', async () => {
    const element = await create();
    await editCard(element);
    type($(element, '.card-title-input'), 'Changed');
    await flushPromises();
    $(element, '.discard').click();
    await flushPromises();
    expect($(element, '.editor')).toBeNull();
    expect($(element, '.competitor-picker').disabled).toBe(false);
  });

  it('adds a competitor and switches to it', async () => {
    const routeline = {
      ...trakwell,
      id: '6b1d8e3a-9f2c-4a57-b0e4-3c7a5d9f1e28',
      name: 'Routeline',
      aliases: ['Route Line'],
    };
    saveCompetitor.mockResolvedValue(ok(routeline));
    const element = await create();
    listBattlecards.mockResolvedValue(ok({ data: [] }));
    $(element, '.new-competitor').click();
    await flushPromises();
    type($(element, '.competitor-name'), 'Routeline');
    type($(element, '.competitor-aliases'), 'Route Line, ');
    type($(element, '.competitor-website'), 'https://routeline.com');
    $(element, '.save-competitor').click();
    await flushPromises();

    expect(saveCompetitor.mock.calls[0][0].competitorId).toBeNull();
    expect(sent(saveCompetitor)).toEqual({
      name: 'Routeline',
      aliases: ['Route Line'],
      products: [],
      website: 'https://routeline.com',
    });
    expect($(element, '.competitor-picker').value).toBe(routeline.id);
    expect($(element, '.competitor-picker').options.map((option) => option.label)).toEqual([
      'Routeline',
      'Trakwell Telematics',
    ]);
    expect(listBattlecards).toHaveBeenLastCalledWith({ competitorId: routeline.id });
    expect($(element, '.competitor-form')).toBeNull();
  });

  it('a competitor name already taken is said in the form', async () => {
    saveCompetitor.mockResolvedValue(
      JSON.stringify({ status: 'invalid', message: 'A competitor called Trakwell Telematics exists.', errors: [] }),
    );
    const element = await create();
    $(element, '.edit-competitor').click();
    await flushPromises();
    expect($(element, '.competitor-name').value).toBe('Trakwell Telematics');
    $(element, '.save-competitor').click();
    await flushPromises();
    expect(saveCompetitor.mock.calls[0][0].competitorId).toBe(trakwell.id);
    expect(text($(element, '.competitor-error'))).toBe('A competitor called Trakwell Telematics exists.');
    expect($(element, '.competitor-form')).not.toBeNull();
  });

  it('invites adding the first competitor', async () => {
    listCompetitors.mockResolvedValue(ok({ data: [] }));
    const element = await create();
    expect($(element, '.no-competitors')).not.toBeNull();
    expect(listBattlecards).not.toHaveBeenCalled();
    await expect(element).toBeAccessible();
  });

  it('a failed card list has its own retry', async () => {
    listBattlecards.mockRejectedValueOnce({ body: { message: UNREACHABLE } });
    const element = await create();
    expect(text($deep(element, '.error-message'))).toBe(UNREACHABLE);
    $deep(element, 'lightning-button.retry').click();
    await flushPromises();
    expect($$(element, '.card-row')).toHaveLength(1);
  });

  it('a user without the admin permission set is told what to ask for', async () => {
    listCompetitors.mockRejectedValue({ body: { message: NO_PERMISSION } });
    const element = await create();
    expect(text($deep(element, '.error-message'))).toBe(NO_PERMISSION);
    expect($(element, '.competitor-picker')).toBeNull();
  });
});
