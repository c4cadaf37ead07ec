import { createElement } from 'lwc';
import SdrAdminRoster, { hoursInWords } from 'c/sdrAdminRoster';
import saveUser from '@salesforce/apex/SdrAdminController.saveUser';
import { ShowToastEventName } from 'lightning/platformShowToastEvent';
import users from './data/users.json';
import { $deep } from '../../../../../test/panelState';

jest.mock('@salesforce/apex/SdrAdminController.saveUser', () => ({ default: jest.fn() }), { virtual: true });

const UNREACHABLE = 'The SDR service cannot be reached right now. Try again in a minute.';
const ok = (data) => JSON.stringify({ status: 'ok', data });
const hannah = users.data[0];

async function flushPromises() {
  for (let i = 0; i < 5; i += 1) {
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

async function create(data = users.data) {
  const element = createElement('c-sdr-admin-roster', { is: SdrAdminRoster });
  element.users = data;
  document.body.appendChild(element);
  await flushPromises();
  return element;
}

async function editHannah(element) {
  $(element, '.edit-user').click();
  await flushPromises();
}

describe('c-sdr-admin-roster', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
  });

  it('lists the contract example user with capacity, hours and time away', async () => {
    const element = await create();
    expect(text($(element, '.user-name'))).toBe('Hannah Clarke');
    expect(text($(element, '.user-status'))).toBe('Active');
    expect(text($(element, '.user-capacity'))).toBe('60');
    expect(text($(element, '.user-daily-cap'))).toBe('25');
    expect(text($(element, '.user-weight'))).toBe('2');
    expect(text($(element, '.user-hours'))).toBe('Mon, Tue, Wed, Thu, Fri 08:30–17:30 (Europe/London)');
    expect(text($(element, '.user-away'))).toBe('Dec 22, 2026 to Jan 4, 2027');
    expect($(element, '.editor')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('says so when nobody is on the roster', async () => {
    const element = await create([]);
    expect($(element, '.no-users')).not.toBeNull();
  });

  it('edits a user and saves them by e-mail with whole lists of hours and time away', async () => {
    const saved = { ...hannah, capacity: 70, weight: 3 };
    saveUser.mockResolvedValue(ok(saved));
    const element = await create();
    const changed = jest.fn();
    const toast = jest.fn();
    element.addEventListener('userchange', changed);
    element.addEventListener(ShowToastEventName, toast);

    await editHannah(element);
    expect(text($(element, '.editor-heading'))).toBe('Edit Hannah Clarke');
    expect($(element, '.capacity').value).toBe(60);
    expect($$(element, '.hours-row')).toHaveLength(5);
    expect($(element, '.away-start').value).toBe('2026-12-22');

    type($(element, '.capacity'), '70');
    type($(element, '.weight'), '3');
    $$(element, '.remove-hours')[4].click();
    await flushPromises();
    $(element, '.add-away').click();
    await flushPromises();
    type($$(element, '.away-start')[1], '2027-02-10');
    type($$(element, '.away-end')[1], '2027-02-12');
    $(element, '.save-user').click();
    await flushPromises();

    const sent = JSON.parse(saveUser.mock.calls[0][0].userJson);
    expect(sent).toEqual({
      email: 'hannah.clarke@fleetpulse.io',
      name: 'Hannah Clarke',
      timeZone: 'Europe/London',
      capacity: 70,
      dailyCap: 25,
      weight: 3,
      active: true,
      workingHours: [1, 2, 3, 4].map((day) => ({ day, start: '08:30', end: '17:30' })),
      outOfOffice: [
        { start: '2026-12-22T00:00:00.000Z', end: '2027-01-04T00:00:00.000Z' },
        { start: '2027-02-10T00:00:00.000Z', end: '2027-02-12T00:00:00.000Z' },
      ],
    });
    expect(changed.mock.calls[0][0].detail).toEqual(saved);
    expect(toast.mock.calls[0][0].detail.title).toBe("Hannah Clarke's settings saved");
    expect($(element, '.editor')).toBeNull();
  });

  it('shows the service’s problems next to the hours and time away they concern', async () => {
    saveUser.mockResolvedValue(
      JSON.stringify({
        status: 'invalid',
        message: 'body.workingHours.0.end: end must be after start; …',
        errors: [
          { field: 'body.workingHours.0.end', message: 'end must be after start' },
          { field: 'body.outOfOffice.0.end', message: 'end must be after start' },
          { field: 'body.timeZone', message: 'an IANA time zone such as Europe/London' },
        ],
      }),
    );
    const element = await create();
    await editHannah(element);
    type($(element, '.time-zone'), 'London');
    type($(element, '.hours-end'), '07:00');
    $(element, '.save-user').click();
    await flushPromises();

    expect(text($deep(element, '.form-error'))).toBe(
      'Some values need changing. Each problem is shown beside its value, or listed here.',
    );
    expect(text($$(element, '.hours-row')[0].querySelector('.field-error'))).toBe('end must be after start');
    expect(text($(element, '.away-row .field-error'))).toBe('end must be after start');
    expect($$(element, '.field-error').map(text)).toContain('an IANA time zone such as Europe/London');
    expect($(element, '.editor')).not.toBeNull();
    await expect(element).toBeAccessible();
  });

  it('holds the buttons while saving, and keeps the editor open on an outage', async () => {
    let fail;
    saveUser.mockReturnValue(
      new Promise((resolve, reject) => {
        fail = reject;
      }),
    );
    const element = await create();
    await editHannah(element);
    $(element, '.save-user').click();
    await flushPromises();
    expect($(element, '.save-user').disabled).toBe(true);
    expect($(element, '.cancel-user').disabled).toBe(true);

    fail({ body: { message: UNREACHABLE } });
    await flushPromises();
    expect(text($deep(element, '.form-error'))).toBe(UNREACHABLE);
    expect($(element, '.save-user').disabled).toBe(false);
  });

  it('cancels an edit', async () => {
    const element = await create();
    await editHannah(element);
    $(element, '.cancel-user').click();
    await flushPromises();
    expect($(element, '.editor')).toBeNull();
  });

  it('puts days with the same hours together', () => {
    expect(
      hoursInWords([
        { day: 6, start: '10:00', end: '14:00' },
        { day: 1, start: '08:00', end: '16:00' },
        { day: 2, start: '08:00', end: '16:00' },
      ]),
    ).toBe('Mon, Tue 08:00–16:00; Sat 10:00–14:00');
    expect(hoursInWords([])).toBe('No hours set');
  });
});
