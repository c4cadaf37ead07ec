import { createElement } from 'lwc';
import SdrAdminScoring, { valueFromText, valueToText } from 'c/sdrAdminScoring';
import getSettings from '@salesforce/apex/SdrAdminController.getSettings';
import saveSettings from '@salesforce/apex/SdrAdminController.saveSettings';
import listModels from '@salesforce/apex/SdrAdminController.listModels';
import promoteModel from '@salesforce/apex/SdrAdminController.promoteModel';
import { ShowToastEventName } from 'lightning/platformShowToastEvent';
import settings from './data/settings.json';
import models from './data/models.json';
import { $$deep, $deep } from '../../../../../test/panelState';

jest.mock('@salesforce/apex/SdrAdminController.getSettings', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/SdrAdminController.saveSettings', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/SdrAdminController.listModels', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/SdrAdminController.promoteModel', () => ({ default: jest.fn() }), { virtual: true });

const UNREACHABLE = 'The SDR service cannot be reached right now. Try again in a minute.';
const ok = (data) => JSON.stringify({ status: 'ok', data });
const apexError = (message) => ({ body: { message }, status: 500 });

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
  const element = createElement('c-sdr-admin-scoring', { is: SdrAdminScoring });
  document.body.appendChild(element);
  await flushPromises();
  return element;
}

describe('c-sdr-admin-scoring', () => {
  beforeEach(() => {
    getSettings.mockResolvedValue(ok(settings));
    listModels.mockResolvedValue(ok(models));
  });

  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
  });

  it('fills the form from the contract example', async () => {
    const element = await create();
    expect($(element, '.hot').value).toBe(70);
    expect($(element, '.warm').value).toBe(40);
    expect($(element, '.window').value).toBe(120);
    expect($(element, '.deal-value').label).toBe('Deal value when history gives none (GBP)');
    expect($(element, '.deal-value').value).toBe(38000);
    expect($$(element, '.icp-attribute').map((input) => input.value)).toEqual([
      'company.industry',
      'company.employees',
      'company.country',
      'custom.fleet_size',
      'lead.source',
    ]);
    expect($$(element, '.icp-value').map((input) => input.value)).toEqual([
      'Logistics',
      '100..2000',
      'GB',
      '50..',
      'Purchased list',
    ]);
    expect($(element, '.save').disabled).toBe(true);
    await expect(element).toBeAccessible();
  });

  it('shows the models with their metrics and the active one’s calibration', async () => {
    const element = await create();
    const row = $(element, '.model-row');
    expect(text(row.querySelector('.model-version'))).toBe('2026-11-24.1');
    expect(text(row.querySelector('.model-status'))).toBe('Active');
    expect(text(row.querySelector('.roc-auc'))).toBe('0.812');
    expect(text(row.querySelector('.lift'))).toBe('3.1×');
    expect(row.querySelector('.promote')).toBeNull();
    const chart = $(element, 'c-sdr-admin-calibration-chart');
    expect(chart.bins).toEqual(models.data[0].metrics.calibration);
    expect(chart.modelVersion).toBe('2026-11-24.1');
    expect(text($(element, '.promotion'))).toMatch(/^Promoted: ROC AUC 0.812/);
  });

  it('saves the edited settings as a PATCH of the scoring section and says so', async () => {
    const saved = { ...settings, scoring: { ...settings.scoring, evTiers: { hot: 75, warm: 45 } } };
    saveSettings.mockResolvedValue(ok(saved));
    const element = await create();
    const toast = jest.fn();
    element.addEventListener(ShowToastEventName, toast);

    type($(element, '.hot'), '75');
    type($(element, '.warm'), '45');
    type($$(element, '.icp-weight')[4], '-20');
    await flushPromises();
    expect($(element, '.unsaved')).not.toBeNull();
    $(element, '.save').click();
    await flushPromises();

    const patch = JSON.parse(saveSettings.mock.calls[0][0].patchJson);
    expect(patch).toEqual({
      scoring: {
        evTiers: { hot: 75, warm: 45 },
        conversionWindowDays: 120,
        defaultDealValue: 38000,
        coldStartMinOutcomes: 200,
        icpWeights: [
          { attribute: 'company.industry', value: 'Logistics', weight: 20 },
          { attribute: 'company.employees', value: [100, 2000], weight: 15 },
          { attribute: 'company.country', value: 'GB', weight: 10 },
          { attribute: 'custom.fleet_size', value: [50, null], weight: 25 },
          { attribute: 'lead.source', value: 'Purchased list', weight: -20 },
        ],
      },
    });
    expect(toast).toHaveBeenCalledTimes(1);
    expect(toast.mock.calls[0][0].detail).toMatchObject({ title: 'Scoring settings saved', variant: 'success' });
    expect($(element, '.unsaved')).toBeNull();
    expect($(element, '.hot').value).toBe(75);
  });

  it('holds the save button while saving', async () => {
    saveSettings.mockReturnValue(new Promise(() => {}));
    const element = await create();
    type($(element, '.hot'), '80');
    await flushPromises();
    $(element, '.save').click();
    await flushPromises();
    expect($(element, '.save').disabled).toBe(true);
  });

  it('adds and removes ICP rules', async () => {
    saveSettings.mockResolvedValue(ok(settings));
    const element = await create();
    $$(element, '.icp-remove')[0].click();
    $(element, '.icp-add').click();
    await flushPromises();
    const rows = $$(element, '.icp-row');
    expect(rows).toHaveLength(5);
    type($$(element, '.icp-attribute')[4], 'company.region');
    type($$(element, '.icp-value')[4], 'Scotland');
    await flushPromises();
    $(element, '.save').click();
    await flushPromises();
    const { icpWeights } = JSON.parse(saveSettings.mock.calls[0][0].patchJson).scoring;
    expect(icpWeights[0].attribute).toBe('company.employees');
    expect(icpWeights[4]).toEqual({ attribute: 'company.region', value: 'Scotland', weight: 10 });
  });

  it('puts each of the service’s problems next to its field, and lists the others', async () => {
    saveSettings.mockResolvedValue(
      JSON.stringify({
        status: 'invalid',
        message: 'body.scoring.evTiers.hot: hot must be above warm; …',
        errors: [
          { field: 'body.scoring.evTiers.hot', message: 'hot must be above warm' },
          { field: 'body.scoring.icpWeights.1.value.0', message: 'min must not be above max' },
          { field: 'body.scoring', message: 'unrecognized key' },
        ],
      }),
    );
    const element = await create();
    type($(element, '.hot'), '30');
    await flushPromises();
    $(element, '.save').click();
    await flushPromises();

    expect(text($deep(element, '.form-error'))).toMatch(/^Some values need changing\./);
    expect($deep(element, '.form-error').getAttribute('role')).toBe('alert');
    const errors = $$(element, '.field-error').map(text);
    expect(errors).toEqual(['hot must be above warm', 'min must not be above max']);
    expect($$(element, '.icp-row')[1].querySelector('.field-error')).not.toBeNull();
    expect($$deep(element, '.unplaced-error').map(text)).toEqual(['unrecognized key']);
    // What was typed stays, to be corrected.
    expect($(element, '.hot').value).toBe('30');
    expect($(element, '.save').disabled).toBe(false);
    await expect(element).toBeAccessible();
  });

  it('an outage while saving keeps the changes and says so', async () => {
    saveSettings.mockRejectedValue(apexError(UNREACHABLE));
    const element = await create();
    type($(element, '.hot'), '80');
    await flushPromises();
    $(element, '.save').click();
    await flushPromises();
    expect(text($deep(element, '.form-error'))).toBe(UNREACHABLE);
    expect($(element, '.hot').value).toBe('80');
  });

  it('undoes unsaved changes', async () => {
    const element = await create();
    type($(element, '.hot'), '80');
    await flushPromises();
    $(element, '.reset').click();
    await flushPromises();
    expect($(element, '.hot').value).toBe(70);
    expect($(element, '.save').disabled).toBe(true);
  });

  it('makes a candidate model active and shows the versions again', async () => {
    const candidate = {
      ...models.data[0],
      id: '1c0e7b2a-5d4f-4b8e-9a6c-2f3d1e0b9a87',
      version: '2026-11-25.1',
      status: 'candidate',
      promotedAt: null,
    };
    listModels
      .mockReset()
      .mockResolvedValueOnce(ok({ data: [candidate, models.data[0]] }))
      .mockResolvedValueOnce(
        ok({
          data: [
            { ...candidate, status: 'active' },
            { ...models.data[0], status: 'retired' },
          ],
        }),
      );
    promoteModel.mockResolvedValue(ok({ ...candidate, status: 'active' }));
    const element = await create();
    const toast = jest.fn();
    element.addEventListener(ShowToastEventName, toast);

    $(element, '.promote').click();
    await flushPromises();

    expect(promoteModel).toHaveBeenCalledWith({ version: '2026-11-25.1' });
    expect($$(element, '.model-status').map(text)).toEqual(['Active', 'Retired']);
    expect(toast.mock.calls[0][0].detail.title).toBe('Model 2026-11-25.1 is now active');
  });

  it('shows another version’s calibration on request', async () => {
    const older = { ...models.data[0], id: 'b', version: '2026-11-10.1', status: 'retired', metrics: null };
    listModels.mockResolvedValue(ok({ data: [models.data[0], older] }));
    const element = await create();
    $$(element, '.show-model')[1].click();
    await flushPromises();
    expect($(element, 'c-sdr-admin-calibration-chart').bins).toEqual([]);
    expect($(element, 'c-sdr-admin-calibration-chart').modelVersion).toBe('2026-11-10.1');
  });

  it('a failed load shows the reason and a retry', async () => {
    listModels.mockRejectedValueOnce(apexError(UNREACHABLE));
    const element = await create();
    expect(text($deep(element, '.error-message'))).toBe(UNREACHABLE);
    $deep(element, 'lightning-button.retry').click();
    await flushPromises();
    expect($(element, '.hot').value).toBe(70);
  });

  it('says so when there are no ICP rules and no model', async () => {
    getSettings.mockResolvedValue(ok({ ...settings, scoring: { ...settings.scoring, icpWeights: [] } }));
    listModels.mockResolvedValue(ok({ data: [] }));
    const element = await create();
    expect($(element, '.no-icp')).not.toBeNull();
    expect($(element, '.no-models')).not.toBeNull();
    await expect(element).toBeAccessible();
  });

  it('reads and writes ICP values as typed', () => {
    expect(valueToText([100, 2000])).toBe('100..2000');
    expect(valueToText([null, 10])).toBe('..10');
    expect(valueToText(true)).toBe('true');
    expect(valueFromText('100..2000')).toEqual([100, 2000]);
    expect(valueFromText(' 50 .. ')).toEqual([50, null]);
    expect(valueFromText('..')).toBe('..');
    expect(valueFromText('12')).toBe(12);
    expect(valueFromText('false')).toBe(false);
    expect(valueFromText(' GB ')).toBe('GB');
  });
});
