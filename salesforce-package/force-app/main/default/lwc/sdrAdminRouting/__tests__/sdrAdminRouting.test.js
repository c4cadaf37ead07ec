import { createElement } from 'lwc';
import SdrAdminRouting from 'c/sdrAdminRouting';
import listRuleSets from '@salesforce/apex/SdrAdminController.listRuleSets';
import saveRuleSet from '@salesforce/apex/SdrAdminController.saveRuleSet';
import activateRuleSet from '@salesforce/apex/SdrAdminController.activateRuleSet';
import simulateRouting from '@salesforce/apex/SdrAdminController.simulateRouting';
import listUsers from '@salesforce/apex/SdrAdminController.listUsers';
import { ShowToastEventName } from 'lightning/platformShowToastEvent';
import ruleSets from './data/ruleSets.json';
import users from '../../sdrAdminRoster/__tests__/data/users.json';
import simulation from '../../sdrAdminSimulation/__tests__/data/simulation.json';
import { $$deep, $deep } from '../../../../../test/panelState';
import { conditionValueFromText, conditionValueToText, fromEditable, toEditable } from '../ruleText';

jest.mock('@salesforce/apex/SdrAdminController.listRuleSets', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/SdrAdminController.saveRuleSet', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/SdrAdminController.activateRuleSet', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/SdrAdminController.simulateRouting', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/SdrAdminController.listUsers', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/SdrAdminController.saveUser', () => ({ default: jest.fn() }), { virtual: true });

const UNREACHABLE = 'The SDR service cannot be reached right now. Try again in a minute.';
const ok = (data) => JSON.stringify({ status: 'ok', data });
const active = ruleSets.data[0];
const older = {
  ...active,
  id: 'f0a1b2c3-d4e5-4f60-8a7b-9c0d1e2f3a4b',
  version: 6,
  active: false,
  rules: [active.rules[2]],
};

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
  const element = createElement('c-sdr-admin-routing', { is: SdrAdminRouting });
  document.body.appendChild(element);
  await flushPromises();
  return element;
}

const sentRules = (mock) => JSON.parse(mock.mock.calls[0][0].bodyJson);

describe('c-sdr-admin-routing', () => {
  beforeEach(() => {
    listRuleSets.mockResolvedValue(ok({ data: [active, older] }));
    listUsers.mockResolvedValue(ok(users));
  });

  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
  });

  it('lists the versions, the active one first, and edits a copy of it', async () => {
    const element = await create();
    expect($$(element, '.version-row .version').map(text)).toEqual(['7', '6']);
    expect($$(element, '.version-status').map(text)).toEqual(['Active', '']);
    expect($$(element, '.activate')).toHaveLength(1);
    expect(text($(element, '.editing'))).toMatch(/^Editing a copy of version 7\./);
    expect($$(element, '.rule-name').map((input) => input.value)).toEqual([
      'Named accounts go to their owner',
      'UK & Ireland mid-market',
      'Everyone else',
    ]);
    expect($$(element, '.rule-sla').map((input) => input.value)).toEqual([15, 30, '']);
    await expect(element).toBeAccessible();
  });

  it('shows the conditions and targets of the contract example as the admin would type them', async () => {
    const element = await create();
    const uk = $$(element, '.rule')[1];
    expect(Array.from(uk.querySelectorAll('.condition-field')).map((input) => input.value)).toEqual([
      'company.country',
      'company.employees',
      'score.ev',
    ]);
    expect(Array.from(uk.querySelectorAll('.condition-value')).map((input) => input.value)).toEqual([
      'GB, IE',
      '100..2000',
      '40',
    ]);
    const targets = $$(element, '.rule-target');
    expect(targets[0].value).toBe('account_owner');
    expect(targets[1].value).toBe('pool');
    // Tom Harding is not on this roster: the pool still reads, naming who is missing.
    expect(targets[1].options[1].label).toBe('Shared by Hannah Clarke (2), a user no longer on the roster (1)');
    expect(targets[2].value).toBe('user:c9a2e6b1-7d3f-4c85-9e04-f1b8d2a6c733');
    expect($$(element, '.rule')[2].querySelector('.every-lead')).not.toBeNull();
  });

  it('saves the edited rules as a new, active version', async () => {
    const saved = { ...active, id: 'new-set', version: 8 };
    saveRuleSet.mockResolvedValue(ok(saved));
    const element = await create();
    const toast = jest.fn();
    element.addEventListener(ShowToastEventName, toast);

    type($$(element, '.rule-sla')[1], '20');
    type($$(element, '.rule')[1].querySelectorAll('.condition-value')[2], '50');
    await flushPromises();
    expect($(element, '.unsaved')).not.toBeNull();
    $(element, '.save').click();
    await flushPromises();

    const body = sentRules(saveRuleSet);
    expect(body.activate).toBe(true);
    const expected = active.rules.map((rule) => ({ ...rule }));
    expected[1] = {
      ...expected[1],
      slaMinutes: 20,
      conditions: [
        expected[1].conditions[0],
        expected[1].conditions[1],
        { field: 'score.ev', operator: 'gte', value: 50 },
      ],
    };
    expect(body.rules).toEqual(expected);
    expect(toast.mock.calls[0][0].detail.title).toBe('Rules saved and active');
    expect($$(element, '.version-row .version').map(text)).toEqual(['8', '7', '6']);
    expect($$(element, '.version-status').map(text)).toEqual(['Active', '', '']);
    expect($(element, '.unsaved')).toBeNull();
  });

  it('sends the rules unchanged when nothing was edited, so a save round-trips the contract example', async () => {
    simulateRouting.mockResolvedValue(ok(simulation));
    const element = await create();
    $(element, '.preview').click();
    await flushPromises();
    expect(sentRules(simulateRouting)).toEqual({ rules: active.rules, leads: 500 });
  });

  it('reorders, removes and adds rules and conditions', async () => {
    saveRuleSet.mockResolvedValue(ok({ ...active, id: 'new-set', version: 8, active: false }));
    const element = await create();
    $$(element, '.move-down')[0].click();
    await flushPromises();
    $$(element, '.remove-rule')[2].click();
    await flushPromises();
    $(element, '.add-rule').click();
    await flushPromises();
    $$(element, '.add-condition')[2].click();
    await flushPromises();
    const added = $$(element, '.rule')[2];
    type(added.querySelector('.condition-operator'), 'in');
    type(added.querySelector('.condition-value'), 'FR, DE');
    type($$(element, '.rule-target')[2], `user:${users.data[0].id}`);
    $$(element, '.rule')[0].querySelectorAll('.remove-condition')[2].click();
    await flushPromises();
    $(element, '.activate-on-save').checked = false;
    $(element, '.activate-on-save').dispatchEvent(new CustomEvent('change'));
    $(element, '.save').click();
    await flushPromises();

    const body = sentRules(saveRuleSet);
    expect(body.activate).toBe(false);
    expect(body.rules.map((rule) => rule.id)).toEqual(['uk-mid-market', 'named-accounts', 'rule-3']);
    expect(body.rules[0].conditions).toHaveLength(2);
    expect(body.rules[2]).toEqual({
      id: 'rule-3',
      name: 'New rule',
      conditions: [{ field: 'company.country', operator: 'in', value: ['FR', 'DE'] }],
      target: { type: 'user', userId: users.data[0].id },
      skills: [],
      slaMinutes: null,
    });
  });

  it('puts the service’s problems next to the rule and condition they concern', async () => {
    saveRuleSet.mockResolvedValue(
      JSON.stringify({
        status: 'invalid',
        message: 'The rule set has 3 problem(s); nothing was saved',
        errors: [
          { field: 'body.rules.1.conditions.1.value', message: 'between takes [min, max] with min <= max' },
          { field: 'body.rules.2.target.userId', message: 'no user with this id' },
          { field: 'body.rules', message: 'duplicate rule id catch-all' },
        ],
      }),
    );
    const element = await create();
    type($$(element, '.rule-name')[0], 'Named accounts');
    $(element, '.save').click();
    await flushPromises();

    expect(text($deep(element, '.form-error'))).toMatch(/^Some values need changing\./);
    const rules = $$(element, '.rule');
    expect(text(rules[1].querySelector('.field-error'))).toBe('between takes [min, max] with min <= max');
    expect(text(rules[2].querySelector('.field-error'))).toBe('no user with this id');
    expect($$deep(element, '.unplaced-error').map(text)).toEqual(['duplicate rule id catch-all']);
    await expect(element).toBeAccessible();
  });

  it('previews the proposed rules and shows who would get the leads', async () => {
    let answer;
    simulateRouting.mockReturnValue(
      new Promise((resolve) => {
        answer = resolve;
      }),
    );
    const element = await create();
    type($$(element, '.rule-sla')[0], '10');
    $(element, '.preview').click();
    await flushPromises();
    expect($(element, '.preview').disabled).toBe(true);
    expect($(element, '.save').disabled).toBe(true);
    expect($(element, '.simulating')).not.toBeNull();

    answer(ok(simulation));
    await flushPromises();
    expect($(element, 'c-sdr-admin-simulation').simulation).toEqual(simulation);
    expect(sentRules(simulateRouting).rules[0].slaMinutes).toBe(10);

    // A change makes the preview stale, so it goes.
    type($$(element, '.rule-sla')[0], '12');
    await flushPromises();
    expect($(element, 'c-sdr-admin-simulation')).toBeNull();
  });

  it('a failed preview says why, with the field problems', async () => {
    simulateRouting.mockResolvedValue(
      JSON.stringify({
        status: 'invalid',
        message: 'body.rules.0.name: Too small: expected string to have >=1 characters',
        errors: [{ field: 'body.rules.0.name', message: 'Too small: expected string to have >=1 characters' }],
      }),
    );
    const element = await create();
    type($$(element, '.rule-name')[0], '');
    $(element, '.preview').click();
    await flushPromises();
    expect(text($(element, '.simulate-error'))).toBe(
      'Some values need changing. Each problem is shown beside its value, or listed here.',
    );
    expect(text($$(element, '.rule')[0].querySelector('.field-error'))).toMatch(/^Too small/);
  });

  it('makes an older version active', async () => {
    activateRuleSet.mockResolvedValue(ok({ ...older, active: true }));
    const element = await create();
    listRuleSets.mockResolvedValue(
      ok({
        data: [
          { ...active, active: false },
          { ...older, active: true },
        ],
      }),
    );
    $(element, '.activate').click();
    await flushPromises();
    expect(activateRuleSet).toHaveBeenCalledWith({ version: 6 });
    expect($$(element, '.version-status').map(text)).toEqual(['', 'Active']);
  });

  it('a failed activation says why', async () => {
    activateRuleSet.mockRejectedValue({ body: { message: UNREACHABLE } });
    const element = await create();
    $(element, '.activate').click();
    await flushPromises();
    expect(text($(element, '.versions-error'))).toBe(UNREACHABLE);
  });

  it('edits a copy of an older version', async () => {
    const element = await create();
    $$(element, '.edit-version')[1].click();
    await flushPromises();
    expect(text($(element, '.editing'))).toMatch(/^Editing a copy of version 6\./);
    expect($$(element, '.rule')).toHaveLength(1);
  });

  it('keeps unsaved rules from being replaced by another version, and undoes them', async () => {
    const element = await create();
    type($$(element, '.rule-name')[0], 'Changed');
    await flushPromises();
    expect($$(element, '.edit-version').every((button) => button.disabled)).toBe(true);
    $(element, '.undo').click();
    await flushPromises();
    expect($$(element, '.rule-name')[0].value).toBe('Named accounts go to their owner');
    expect($$(element, '.edit-version').some((button) => button.disabled)).toBe(false);
    expect($(element, '.unsaved')).toBeNull();
  });

  it('passes the roster on, and takes a saved user back', async () => {
    const element = await create();
    const roster = $(element, 'c-sdr-admin-roster');
    expect(roster.users).toEqual(users.data);
    roster.dispatchEvent(new CustomEvent('userchange', { detail: { ...users.data[0], capacity: 80 } }));
    await flushPromises();
    expect($(element, 'c-sdr-admin-roster').users[0].capacity).toBe(80);
  });

  it('a failed load shows the reason and a retry', async () => {
    listUsers.mockRejectedValueOnce({ body: { message: UNREACHABLE } });
    const element = await create();
    expect(text($deep(element, '.error-message'))).toBe(UNREACHABLE);
    $deep(element, 'lightning-button.retry').click();
    await flushPromises();
    expect($$(element, '.rule')).toHaveLength(3);
  });

  it('with no rule set yet, starts from no rules', async () => {
    listRuleSets.mockResolvedValue(ok({ data: [] }));
    const element = await create();
    expect(text($(element, '.editing'))).toMatch(/^No rules yet\./);
    expect($(element, '.versions')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('reads and writes condition values by operator', () => {
    expect(conditionValueFromText('in', 'GB, IE')).toEqual(['GB', 'IE']);
    expect(conditionValueFromText('in', '1, 2')).toEqual([1, 2]);
    expect(conditionValueFromText('between', '100..2000')).toEqual([100, 2000]);
    expect(conditionValueFromText('gte', '40')).toBe(40);
    expect(conditionValueFromText('eq', 'true')).toBe(true);
    expect(conditionValueFromText('exists', 'no')).toBe(false);
    expect(conditionValueFromText('contains', ' fleet ')).toBe('fleet');
    expect(conditionValueToText('between', [1, 5])).toBe('1..5');
    for (const rule of active.rules) {
      expect(fromEditable(toEditable(rule, 0))).toEqual(rule);
    }
  });
});
