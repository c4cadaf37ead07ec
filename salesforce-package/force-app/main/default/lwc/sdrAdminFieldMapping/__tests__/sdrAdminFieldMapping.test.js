import { createElement } from 'lwc';
import SdrAdminFieldMapping from 'c/sdrAdminFieldMapping';
import getFieldMapping from '@salesforce/apex/SdrAdminController.getFieldMapping';
import saveFieldMapping from '@salesforce/apex/SdrAdminController.saveFieldMapping';
import describeCrmFields from '@salesforce/apex/SdrAdminController.describeCrmFields';
import { ShowToastEventName } from 'lightning/platformShowToastEvent';
import fieldMapping from './data/fieldMapping.json';
import leadFields from './data/leadFields.json';
import { $$deep, $deep, deepText } from '../../../../../test/panelState';

jest.mock('@salesforce/apex/SdrAdminController.getFieldMapping', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/SdrAdminController.saveFieldMapping', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/SdrAdminController.describeCrmFields', () => ({ default: jest.fn() }), { virtual: true });

const UNREACHABLE = 'The SDR service cannot be reached right now. Try again in a minute.';
const NO_CRM = 'No CRM is connected.';
const ok = (data) => JSON.stringify({ status: 'ok', data });

async function flushPromises() {
  for (let i = 0; i < 8; i += 1) {
    // eslint-disable-next-line no-await-in-loop
    await Promise.resolve();
  }
}

const $ = (element, selector) => element.shadowRoot.querySelector(selector);
const $$ = (element, selector) => Array.from(element.shadowRoot.querySelectorAll(selector));
const text = (node) => node.textContent.replace(/\s+/g, ' ').trim();

function pick(input, value) {
  input.value = value;
  input.dispatchEvent(new CustomEvent('change', { detail: { value } }));
}

async function create() {
  const element = createElement('c-sdr-admin-field-mapping', { is: SdrAdminFieldMapping });
  document.body.appendChild(element);
  await flushPromises();
  return element;
}

const picker = (element, selector, name) => $$(element, selector).find((node) => node.dataset.name === name);

describe('c-sdr-admin-field-mapping', () => {
  beforeEach(() => {
    getFieldMapping.mockResolvedValue(ok(fieldMapping));
    describeCrmFields.mockResolvedValue(ok(leadFields));
  });

  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
  });

  it('shows the lead mapping with pickers of the CRM’s lead fields', async () => {
    const element = await create();
    expect($(element, '.object-picker').options).toEqual([
      { label: 'Leads (Lead)', value: 'lead' },
      { label: 'Opportunities (Opportunity)', value: 'deal' },
    ]);
    expect(describeCrmFields).toHaveBeenCalledWith({ objectKind: 'lead' });
    expect($$(element, '.field-label').map(text)).toEqual([
      'First name',
      'Last name',
      'Email',
      'Job title',
      'Company name',
      'Lead source',
      'Country',
      'Language',
      'Employees',
    ]);
    const source = picker(element, '.field-picker', 'source');
    expect(source.value).toBe('Lead_Source_Detail__c');
    expect(source.options[0]).toEqual({ label: 'Not read', value: '' });
    expect(source.options).toContainEqual({
      label: 'Lead Source Detail (Lead_Source_Detail__c)',
      value: 'Lead_Source_Detail__c',
    });
    expect(picker(element, '.field-picker', 'language').value).toBe('');
    expect(picker(element, '.score-picker', 'ev').value).toBe('SDR_EV_Score__c');
    // Scores are written, so only fields the CRM lets the integration change are offered.
    expect(picker(element, '.score-picker', 'scoredAt').options.map((option) => option.value)).not.toContain(
      'CreatedDate',
    );
    expect($$(element, '.feature-crm-field').map((input) => input.value)).toEqual([
      'Fleet_Size__c',
      'Current_Provider__c',
    ]);
    expect($(element, '.save').disabled).toBe(true);
    await expect(element).toBeAccessible();
  });

  it('sends only what changed, with a null for a field no longer read', async () => {
    saveFieldMapping.mockResolvedValue(ok(fieldMapping));
    const element = await create();
    const toast = jest.fn();
    element.addEventListener(ShowToastEventName, toast);

    pick(picker(element, '.field-picker', 'language'), 'Preferred_Language__c');
    pick(picker(element, '.field-picker', 'country'), '');
    pick(picker(element, '.score-picker', 'reasons'), '');
    await flushPromises();
    expect($(element, '.unsaved')).not.toBeNull();
    $(element, '.save').click();
    await flushPromises();

    expect(JSON.parse(saveFieldMapping.mock.calls[0][0].bodyJson)).toEqual({
      fields: { lead: { language: 'Preferred_Language__c', country: null } },
      scores: { lead: { reasons: null } },
    });
    expect(toast.mock.calls[0][0].detail.title).toBe('Field mapping saved');
    expect($(element, '.unsaved')).toBeNull();
  });

  it('keeps each object’s changes when switching between them', async () => {
    saveFieldMapping.mockResolvedValue(ok(fieldMapping));
    const element = await create();
    pick(picker(element, '.field-picker', 'language'), 'Preferred_Language__c');
    describeCrmFields.mockResolvedValue(
      ok({
        data: [{ name: 'SDR_EV__c', label: 'SDR Expected Value', type: 'currency', custom: true, updateable: true }],
      }),
    );
    pick($(element, '.object-picker'), 'deal');
    await flushPromises();
    expect(describeCrmFields).toHaveBeenLastCalledWith({ objectKind: 'deal' });
    pick(picker(element, '.score-picker', 'evAmount'), 'SDR_EV__c');
    $(element, '.save').click();
    await flushPromises();
    expect(JSON.parse(saveFieldMapping.mock.calls[0][0].bodyJson)).toEqual({
      fields: { lead: { language: 'Preferred_Language__c' } },
      scores: { deal: { evAmount: 'SDR_EV__c' } },
    });
  });

  it('edits the custom fields the model learns from, sending the whole list', async () => {
    saveFieldMapping.mockResolvedValue(ok(fieldMapping));
    const element = await create();
    $$(element, '.remove-feature')[1].click();
    $(element, '.add-feature').click();
    await flushPromises();
    pick($$(element, '.feature-crm-field')[1], 'Depot_Count__c');
    pick($$(element, '.feature-key')[1], 'custom.depots');
    pick($$(element, '.feature-label')[1], 'Depots');
    $(element, '.save').click();
    await flushPromises();
    expect(JSON.parse(saveFieldMapping.mock.calls[0][0].bodyJson)).toEqual({
      features: [fieldMapping.features[0], { crmField: 'Depot_Count__c', feature: 'custom.depots', label: 'Depots' }],
    });
  });

  it('shows the service’s problems next to the fields, listing the others', async () => {
    saveFieldMapping.mockResolvedValue(
      JSON.stringify({
        status: 'invalid',
        message: 'Some fields are not in Salesforce.',
        errors: [
          { field: 'body.fields.lead.language', message: 'Lead has no field Preferred_Lang__c' },
          { field: 'body.features.0.feature', message: 'each feature may be mapped once' },
          { field: 'body.scores.deal.ev', message: 'Opportunity.SDR_EV_Score__c cannot be written' },
        ],
      }),
    );
    const element = await create();
    pick(picker(element, '.field-picker', 'language'), 'Preferred_Language__c');
    $(element, '.save').click();
    await flushPromises();
    expect(text($deep(element, '.form-error'))).toMatch(/^Some values need changing\./);
    const errors = $$(element, '.field-error').map(text);
    expect(errors).toEqual(['Lead has no field Preferred_Lang__c', 'each feature may be mapped once']);
    expect($$deep(element, '.unplaced-error').map(text)).toEqual([
      'Opportunities, EV score: Opportunity.SDR_EV_Score__c cannot be written',
    ]);
    await expect(element).toBeAccessible();
  });

  it('falls back to typing field names when the CRM fields cannot be listed', async () => {
    describeCrmFields.mockRejectedValueOnce({ body: { message: NO_CRM } });
    saveFieldMapping.mockResolvedValue(ok(fieldMapping));
    const element = await create();
    expect(deepText(element)).toContain(NO_CRM);
    const language = picker(element, '.field-name-input', 'language');
    expect(language.value).toBe('');
    pick(language, ' Preferred_Language__c ');
    $(element, '.save').click();
    await flushPromises();
    expect(JSON.parse(saveFieldMapping.mock.calls[0][0].bodyJson)).toEqual({
      fields: { lead: { language: 'Preferred_Language__c' } },
    });

    $deep(element, 'lightning-button.retry').click();
    await flushPromises();
    expect($$(element, '.field-picker').length).toBeGreaterThan(0);
  });

  it('undoes unsaved changes', async () => {
    const element = await create();
    pick(picker(element, '.field-picker', 'language'), 'Preferred_Language__c');
    await flushPromises();
    $(element, '.undo').click();
    await flushPromises();
    expect(picker(element, '.field-picker', 'language').value).toBe('');
    expect($(element, '.save').disabled).toBe(true);
  });

  it('a failed load shows the reason and a retry', async () => {
    getFieldMapping.mockRejectedValueOnce({ body: { message: UNREACHABLE } });
    const element = await create();
    expect(text($deep(element, '.error-message'))).toBe(UNREACHABLE);
    $deep(element, 'lightning-button.retry').click();
    await flushPromises();
    expect($(element, '.object-picker')).not.toBeNull();
  });

  it('without a connected CRM, points to the Connection tab', async () => {
    getFieldMapping.mockResolvedValue(ok({ ...fieldMapping, objects: {}, scores: {}, features: [] }));
    const element = await create();
    expect($(element, '.no-objects')).not.toBeNull();
    expect($(element, '.no-features')).not.toBeNull();
    expect(describeCrmFields).not.toHaveBeenCalled();
    await expect(element).toBeAccessible();
  });
});
