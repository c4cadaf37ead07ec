import { createElement } from 'lwc';
import SdrAdminConsole from 'c/sdrAdminConsole';
import getConnection from '@salesforce/apex/SdrAdminController.getConnection';

jest.mock('@salesforce/apex/SdrAdminController.getConnection', () => ({ default: jest.fn() }), { virtual: true });

async function flushPromises() {
  for (let i = 0; i < 5; i += 1) {
    // eslint-disable-next-line no-await-in-loop
    await Promise.resolve();
  }
}

const $ = (element, selector) => element.shadowRoot.querySelector(selector);
const $$ = (element, selector) => Array.from(element.shadowRoot.querySelectorAll(selector));

describe('c-sdr-admin-console', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
  });

  async function create() {
    getConnection.mockReturnValue(new Promise(() => {}));
    const element = createElement('c-sdr-admin-console', { is: SdrAdminConsole });
    document.body.appendChild(element);
    await flushPromises();
    return element;
  }

  it('has a tab for each part of the setup, the connection first', async () => {
    const element = await create();
    expect($$(element, 'lightning-tab').map((tab) => tab.label)).toEqual([
      'Connection',
      'Scoring',
      'Routing',
      'Battlecards',
      'Field mapping',
    ]);
    expect($(element, 'lightning-tabset').activeTabValue).toBe('connection');
  });

  it('creates only the open tab, so opening the console makes one call to the service', async () => {
    const element = await create();
    expect($(element, 'c-sdr-admin-connection')).not.toBeNull();
    expect($(element, 'c-sdr-admin-scoring')).toBeNull();
    expect($(element, 'c-sdr-admin-field-mapping')).toBeNull();
    expect(getConnection).toHaveBeenCalledTimes(1);
  });

  it('creates a tab the first time it is opened and keeps it', async () => {
    const element = await create();
    const scoring = $$(element, 'lightning-tab')[1];
    scoring.dispatchEvent(new CustomEvent('active'));
    await flushPromises();
    expect($(element, 'c-sdr-admin-scoring')).not.toBeNull();

    $$(element, 'lightning-tab')[0].dispatchEvent(new CustomEvent('active'));
    await flushPromises();
    expect($(element, 'c-sdr-admin-scoring')).not.toBeNull();
  });

  it('is accessible', async () => {
    const element = await create();
    await expect(element).toBeAccessible();
  });
});
