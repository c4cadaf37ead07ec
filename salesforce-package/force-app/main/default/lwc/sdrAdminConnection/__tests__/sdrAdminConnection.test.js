import { createElement } from 'lwc';
import SdrAdminConnection from 'c/sdrAdminConnection';
import getConnection from '@salesforce/apex/SdrAdminController.getConnection';
import testConnection from '@salesforce/apex/SdrAdminController.testConnection';
import connection from './data/connection.json';
import { $deep, deepText } from '../../../../../test/panelState';

jest.mock('@salesforce/apex/SdrAdminController.getConnection', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/SdrAdminController.testConnection', () => ({ default: jest.fn() }), { virtual: true });

const UNREACHABLE = 'The SDR service cannot be reached right now. Try again in a minute.';
const NO_PERMISSION = 'You need the SDR Admin permission set to do this. Ask your Salesforce admin.';
const ok = (data) => JSON.stringify({ status: 'ok', data });
const apexError = (message) => ({ body: { message }, status: 500 });

async function flushPromises() {
  for (let i = 0; i < 5; i += 1) {
    // eslint-disable-next-line no-await-in-loop
    await Promise.resolve();
  }
}

async function create() {
  const element = createElement('c-sdr-admin-connection', { is: SdrAdminConnection });
  document.body.appendChild(element);
  await flushPromises();
  return element;
}

const $ = (element, selector) => element.shadowRoot.querySelector(selector);
const text = (node) => node.textContent.replace(/\s+/g, ' ').trim();

describe('c-sdr-admin-connection', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
  });

  it('shows the connection of the contract example in plain words', async () => {
    getConnection.mockResolvedValue(ok(connection));
    const element = await create();

    expect(text($(element, '.status'))).toBe('Connected');
    expect(text($(element, '.status-message'))).toBe('Connected; last sync 2 minutes ago.');
    expect(text($(element, '.crm'))).toBe('Salesforce');
    expect($(element, '.last-sync').value).toBe('2026-11-24T09:28:00.000Z');
    expect(text($(element, '.api-usage'))).toBe('1,840 of 100,000 calls');
    expect(text($(element, '.write-backs'))).toBe('0 waiting, 0 failed');
    expect($(element, '.failed-write-backs')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('points at the field mapping when scores could not be written', async () => {
    getConnection.mockResolvedValue(
      ok({ ...connection, status: 'error', apiUsage: null, pendingWriteBacks: 3, failedWriteBacks: 2 }),
    );
    const element = await create();

    expect(text($(element, '.status'))).toBe('Not working');
    expect(text($(element, '.api-usage'))).toBe('Not known');
    expect(text($(element, '.failed-write-backs'))).toMatch(/Field mapping tab/);
  });

  it('shows a loading state until the service answers', async () => {
    getConnection.mockReturnValue(new Promise(() => {}));
    const element = await create();
    expect($deep(element, 'lightning-spinner').alternativeText).toBe('Loading the connection');
  });

  it('shows an outage with a retry that loads again', async () => {
    getConnection.mockRejectedValueOnce(apexError(UNREACHABLE)).mockResolvedValueOnce(ok(connection));
    const element = await create();
    expect(text($deep(element, '.error-message'))).toBe(UNREACHABLE);
    await expect(element).toBeAccessible();

    $deep(element, 'lightning-button.retry').click();
    await flushPromises();
    expect(getConnection).toHaveBeenCalledTimes(2);
    expect(text($(element, '.status'))).toBe('Connected');
  });

  it('tells a user without the admin permission set what to ask for, and shows no data', async () => {
    getConnection.mockRejectedValue(apexError(NO_PERMISSION));
    const element = await create();
    expect(deepText(element)).toContain(NO_PERMISSION);
    expect($(element, '.details')).toBeNull();
  });

  it('an answer that is not JSON reads as a message, not a blank card', async () => {
    getConnection.mockResolvedValue('<html>');
    const element = await create();
    expect(text($deep(element, '.error-message'))).toMatch(/cannot read/);
  });

  it('tests the connection and says how fast the service answered', async () => {
    getConnection.mockResolvedValue(ok(connection));
    let answer;
    testConnection.mockReturnValue(
      new Promise((resolve) => {
        answer = resolve;
      }),
    );
    const element = await create();

    $(element, '.test-button').click();
    await flushPromises();
    expect($(element, '.test-button').disabled).toBe(true);
    expect($(element, '.testing')).not.toBeNull();

    answer(
      ok({ ok: true, milliseconds: 142, connection: { ...connection, message: 'Connected; last sync just now.' } }),
    );
    await flushPromises();
    expect($(element, '.test-button').disabled).toBe(false);
    expect(text($(element, '.test-passed'))).toBe('The SDR service answered in 142 ms.');
    expect(text($(element, '.status-message'))).toBe('Connected; last sync just now.');
    await expect(element).toBeAccessible();
  });

  it('a failed test says why, as an alert', async () => {
    getConnection.mockResolvedValue(ok(connection));
    testConnection.mockResolvedValue(ok({ ok: false, milliseconds: 20004, message: UNREACHABLE }));
    const element = await create();

    $(element, '.test-button').click();
    await flushPromises();
    const failed = $(element, '.test-failed');
    expect(text(failed)).toBe(UNREACHABLE);
    expect(failed.getAttribute('role')).toBe('alert');
  });

  it('the test is offered even when the status could not be loaded', async () => {
    getConnection.mockRejectedValue(apexError(UNREACHABLE));
    testConnection.mockRejectedValue(apexError(NO_PERMISSION));
    const element = await create();

    $(element, '.test-button').click();
    await flushPromises();
    expect(text($(element, '.test-failed'))).toBe(NO_PERMISSION);
  });
});
