import { createElement } from 'lwc';
import SdrLeadQueue from 'c/sdrLeadQueue';
import getMyQueue from '@salesforce/apex/SdrLeadQueueController.getMyQueue';
import { getGenerateUrlCalledWith, getNavigateCalledWith, resetNavigationMock } from 'lightning/navigation';
import queue from './data/queue.json';
import mixedQueue from './data/queueMixed.json';
import emptyQueue from './data/queueEmpty.json';
import { $deep, $$deep, deepText } from '../../../../../test/panelState';

jest.mock('@salesforce/apex/SdrLeadQueueController.getMyQueue', () => ({ default: jest.fn() }), { virtual: true });

// Twelve minutes before the example lead's first-touch deadline (09:33:12).
const NOW = Date.parse('2026-11-24T09:21:12.000Z');
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const UNREACHABLE = 'The SDR service cannot be reached right now. Try again in a minute.';
const ROSTER_MESSAGE = 'You are not on the SDR roster yet. Ask your admin to add you.';
const EMPTY_MESSAGE = 'Nothing waiting. New leads appear here as they are routed to you.';
const ALL_FILTERS = { tier: null, status: null };

const ok = (body) => JSON.stringify({ status: 'ok', queue: body });
const NOT_ON_ROSTER = JSON.stringify({ status: 'not_on_roster' });

// Enough turns of the microtask queue for the awaited Apex call, the URL generation and the re-render after them.
async function flushPromises() {
  for (let i = 0; i < 8; i += 1) {
    // eslint-disable-next-line no-await-in-loop
    await Promise.resolve();
  }
}

async function advance(ms) {
  jest.advanceTimersByTime(ms);
  await flushPromises();
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

function createQueue() {
  const element = createElement('c-sdr-lead-queue', { is: SdrLeadQueue });
  document.body.appendChild(element);
  return element;
}

async function createLoadedQueue(body = mixedQueue) {
  getMyQueue.mockResolvedValue(ok(body));
  const element = createQueue();
  await flushPromises();
  return element;
}

// axe schedules its checks with timers, so accessibility is checked on the real clock.
function useRealClock() {
  jest.useRealTimers();
}

const $ = (element, selector) => element.shadowRoot.querySelector(selector);
const $$ = (element, selector) => Array.from(element.shadowRoot.querySelectorAll(selector));
const text = (node) => node.textContent.replace(/\s+/g, ' ').trim();
const rows = (element) => $$(element, 'tbody tr.row');
const cellTexts = (element, selector) => rows(element).map((row) => text(row.querySelector(selector)));
const buttonLabelled = (element, label) => $$deep(element, 'lightning-button').find((button) => button.label === label);
const spinnerTexts = (element) => $$deep(element, 'lightning-spinner').map((spinner) => spinner.alternativeText);

function choose(element, selector, value) {
  $(element, selector).dispatchEvent(new CustomEvent('change', { detail: { value } }));
}

function recordPage(recordId, objectApiName) {
  return { type: 'standard__recordPage', attributes: { recordId, objectApiName, actionName: 'view' } };
}

describe('c-sdr-lead-queue', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    jest.setSystemTime(NOW);
  });

  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.useRealTimers();
    jest.resetAllMocks();
    resetNavigationMock();
  });

  describe('the queue', () => {
    it("asks for the running user's queue with no filters", async () => {
      await createLoadedQueue(queue);

      expect(getMyQueue).toHaveBeenCalledTimes(1);
      expect(getMyQueue).toHaveBeenCalledWith(ALL_FILTERS);
    });

    it('shows the contract example with every column', async () => {
      const element = await createLoadedQueue(queue);

      expect(rows(element)).toHaveLength(1);
      const row = rows(element)[0];
      const name = row.querySelector('a.name');
      expect(text(name)).toBe('Priya Raman-Shah');
      expect(name.getAttribute('href')).toBe('https://www.example.com');
      expect(text(row.querySelector('.subtitle'))).toBe('Head of Fleet Operations, Northwind Logistics Ltd');
      expect(text(row.querySelector('.tier'))).toBe('Hot');
      expect(row.querySelector('.tier').className).toContain('tier_hot');
      expect(text(row.querySelector('.ev'))).toBe('82');
      const money = row.querySelector('lightning-formatted-number.money');
      expect(money.value).toBe(8360);
      expect(money.formatStyle).toBe('currency');
      expect(money.currencyCode).toBe('GBP');
      expect(text(row.querySelector('.urgency'))).toBe('77');
      expect(text(row.querySelector('.priority'))).toBe('72.6');
      expect(text(row.querySelector('.sla'))).toBe('due in 12 min');
      expect(text(row.querySelector('.last-touch'))).toBe('never');
      expect(row.querySelector('lightning-button-icon.open').alternativeText).toBe('Open Priya Raman-Shah');
      expect(row.querySelector('lightning-button-icon.log-call').alternativeText).toBe(
        'Log a call with Priya Raman-Shah',
      );
      expect(text($(element, '.count'))).toBe('1 lead, highest priority first');
    });

    it('names the lead as a row header and labels each cell for the stacked phone layout', async () => {
      const element = await createLoadedQueue(queue);

      const headers = $$(element, 'thead th').map((th) => text(th));
      expect(headers).toEqual(['Lead', 'EV', 'Urgency', 'Priority', 'First touch', 'Last touch', 'Actions']);
      const cells = Array.from(rows(element)[0].children);
      expect(cells[0].tagName).toBe('TH');
      expect(cells[0].getAttribute('scope')).toBe('row');
      expect(cells.map((cell) => cell.dataset.label)).toEqual(headers);
    });

    it("keeps the service's order, highest priority first", async () => {
      const element = await createLoadedQueue();

      expect(cellTexts(element, 'a.name')).toEqual([
        'Priya Raman-Shah',
        'Tomasz Wójcik',
        'Amara Okafor',
        'Jonas Berg',
        'Marta Silva',
        'Lee Chen',
      ]);
      expect(cellTexts(element, '.priority')).toEqual(['72.6', '62.9', '48.1', '31.2', '14.3', '0']);
      expect(text($(element, '.count'))).toBe('6 leads, highest priority first');
    });

    it('shows each tier with its EV in its own currency', async () => {
      const element = await createLoadedQueue();

      const evs = rows(element)
        .slice(0, 5)
        .map((row) => ({
          tier: text(row.querySelector('.tier')),
          ev: text(row.querySelector('.ev')),
          money: row.querySelector('.money').value,
          currency: row.querySelector('.money').currencyCode,
        }));
      expect(evs).toEqual([
        { tier: 'Hot', ev: '82', money: 8360, currency: 'GBP' },
        { tier: 'Hot', ev: '74', money: 6100, currency: 'EUR' },
        { tier: 'Warm', ev: '58', money: 4200, currency: 'GBP' },
        { tier: 'Warm', ev: '41', money: 2900, currency: 'GBP' },
        { tier: 'Cold', ev: '22', money: 650, currency: 'GBP' },
      ]);
      expect(cellTexts(element, '.urgency').slice(0, 5)).toEqual(['77', '70', '66', '52', '30']);
    });

    it('says "not scored" for a lead without a score, and leaves out a title and company it does not have', async () => {
      const element = await createLoadedQueue();

      const unscored = rows(element)[5];
      expect(text(unscored.querySelector('.ev-cell'))).toBe('not scored');
      expect(unscored.querySelector('.tier')).toBeNull();
      expect(unscored.querySelector('.money')).toBeNull();
      expect(unscored.querySelector('.urgency [aria-hidden="true"]')).not.toBeNull();
      expect(text(unscored.querySelector('.urgency .slds-assistive-text'))).toBe('not scored');
      expect(unscored.querySelector('.subtitle')).toBeNull();
    });

    it('shows every first-touch state in words', async () => {
      const element = await createLoadedQueue();

      expect(cellTexts(element, '.sla')).toEqual([
        'due in 12 min',
        'overdue by 5 min',
        'met',
        'missed',
        'closed',
        'no deadline',
      ]);
      expect(rows(element).map((row) => row.querySelector('.sla').dataset.state)).toEqual([
        'due',
        'overdue',
        'met',
        'missed',
        'closed',
        'none',
      ]);
    });

    it('marks overdue and missed deadlines in red, the words saying the same', async () => {
      const element = await createLoadedQueue();

      const late = rows(element).filter((row) => row.querySelector('.sla').classList.contains('sla_late'));
      expect(late.map((row) => text(row.querySelector('.sla')))).toEqual(['overdue by 5 min', 'missed']);
      expect(rows(element)[0].querySelector('.sla').classList.contains('sla_late')).toBe(false);
    });

    it('shows when each lead was last touched, relative to now', async () => {
      const element = await createLoadedQueue();

      expect(cellTexts(element, '.last-touch')).toEqual([
        'never',
        'never',
        '30 min ago',
        '1 d ago',
        '2 h ago',
        'never',
      ]);
    });
  });

  describe('the clock', () => {
    it('counts the deadlines down every 30 s without asking the service again', async () => {
      const element = await createLoadedQueue(queue);
      expect(text($(element, '.sla'))).toBe('due in 12 min');

      await advance(30 * SECOND);

      expect(text($(element, '.sla'))).toBe('due in 11 min');
      expect(getMyQueue).toHaveBeenCalledTimes(1);
    });

    it('turns a deadline overdue when it passes, and keeps counting', async () => {
      const element = await createLoadedQueue(queue);

      await advance(11 * MINUTE + 30 * SECOND);
      expect(text($(element, '.sla'))).toBe('due in less than a minute');

      await advance(MINUTE);
      const sla = $(element, '.sla');
      expect(text(sla)).toBe('overdue by less than a minute');
      expect(sla.classList.contains('sla_late')).toBe(true);

      await advance(5 * MINUTE);
      expect(text($(element, '.sla'))).toBe('overdue by 5 min');
    });

    it('ages the last touch as time passes', async () => {
      const element = await createLoadedQueue();

      await advance(90 * MINUTE);

      expect(cellTexts(element, '.last-touch').slice(2, 5)).toEqual(['2 h ago', '1 d ago', '3 h ago']);
    });
  });

  describe('filters', () => {
    it('offers every tier and status, starting with all', async () => {
      const element = await createLoadedQueue();

      const tier = $(element, 'lightning-combobox.tier-filter');
      const status = $(element, 'lightning-combobox.status-filter');
      expect(tier.label).toBe('Tier');
      expect(tier.value).toBe('all');
      expect(tier.options.map((option) => option.value)).toEqual(['all', 'hot', 'warm', 'cold']);
      expect(status.label).toBe('Status');
      expect(status.value).toBe('all');
      expect(status.options.map((option) => option.value)).toEqual([
        'all',
        'new',
        'working',
        'nurturing',
        'qualified',
        'unqualified',
      ]);
    });

    it('asks again with the chosen tier and status, and with none once set back to all', async () => {
      const element = await createLoadedQueue();

      choose(element, 'lightning-combobox.tier-filter', 'hot');
      await flushPromises();
      expect(getMyQueue).toHaveBeenLastCalledWith({ tier: 'hot', status: null });
      expect($(element, 'lightning-combobox.tier-filter').value).toBe('hot');

      choose(element, 'lightning-combobox.status-filter', 'working');
      await flushPromises();
      expect(getMyQueue).toHaveBeenLastCalledWith({ tier: 'hot', status: 'working' });

      choose(element, 'lightning-combobox.tier-filter', 'all');
      await flushPromises();
      expect(getMyQueue).toHaveBeenLastCalledWith({ tier: null, status: 'working' });
      expect(getMyQueue).toHaveBeenCalledTimes(4);
    });

    it('shows what the filtered request returns', async () => {
      const element = await createLoadedQueue();

      getMyQueue.mockResolvedValueOnce(ok(queue));
      choose(element, 'lightning-combobox.tier-filter', 'hot');
      await flushPromises();

      expect(cellTexts(element, 'a.name')).toEqual(['Priya Raman-Shah']);
    });

    it('keeps the filters when it polls', async () => {
      const element = await createLoadedQueue();
      choose(element, 'lightning-combobox.status-filter', 'new');
      await flushPromises();

      await advance(60 * SECOND);

      expect(getMyQueue).toHaveBeenLastCalledWith({ tier: null, status: 'new' });
    });

    it('says nothing matches, rather than that nothing is waiting, when filters leave the queue empty', async () => {
      const element = await createLoadedQueue();

      getMyQueue.mockResolvedValueOnce(ok(emptyQueue));
      choose(element, 'lightning-combobox.tier-filter', 'cold');
      await flushPromises();

      expect(text($deep(element, '.empty-message'))).toBe('No leads match these filters.');
      expect($(element, 'table')).toBeNull();
    });

    it('shows the answer to the latest filter even when an earlier request answers after it', async () => {
      const element = await createLoadedQueue();
      const slow = deferred();
      getMyQueue.mockReturnValueOnce(slow.promise).mockResolvedValueOnce(ok(queue));

      choose(element, 'lightning-combobox.tier-filter', 'warm');
      choose(element, 'lightning-combobox.tier-filter', 'hot');
      await flushPromises();
      slow.resolve(ok(mixedQueue));
      await flushPromises();

      expect(cellTexts(element, 'a.name')).toEqual(['Priya Raman-Shah']);
      expect(spinnerTexts(element)).toEqual([]);
    });

    it('shows an error in place of the list when a filtered request fails', async () => {
      const element = await createLoadedQueue();

      getMyQueue.mockRejectedValueOnce({ body: { message: UNREACHABLE } });
      choose(element, 'lightning-combobox.tier-filter', 'hot');
      await flushPromises();

      expect(text($deep(element, '.error-message'))).toBe(UNREACHABLE);
      expect($(element, 'table')).toBeNull();
      // Still there, so the rep can set the filter back.
      expect($(element, 'lightning-combobox.tier-filter').value).toBe('hot');
    });
  });

  describe('refreshing', () => {
    it('asks again when Refresh is pressed, with a spinner until the answer', async () => {
      const element = await createLoadedQueue(queue);
      const pending = deferred();
      getMyQueue.mockReturnValueOnce(pending.promise);

      const refresh = $(element, 'lightning-button-icon.refresh');
      expect(refresh.alternativeText).toBe('Refresh');
      refresh.click();
      await flushPromises();

      expect(getMyQueue).toHaveBeenCalledTimes(2);
      expect(getMyQueue).toHaveBeenLastCalledWith(ALL_FILTERS);
      expect(spinnerTexts(element)).toEqual(['Refreshing']);
      expect($(element, 'lightning-button-icon.refresh').disabled).toBe(true);
      expect(rows(element)).toHaveLength(1);

      pending.resolve(ok(mixedQueue));
      await flushPromises();

      expect(spinnerTexts(element)).toEqual([]);
      expect(rows(element)).toHaveLength(6);
      expect($(element, 'lightning-button-icon.refresh').disabled).toBe(false);
    });

    it('asks again every 60 s while on the page, showing newly routed leads', async () => {
      const element = await createLoadedQueue(queue);

      getMyQueue.mockResolvedValue(ok(mixedQueue));
      await advance(59 * SECOND);
      expect(getMyQueue).toHaveBeenCalledTimes(1);

      await advance(SECOND);
      expect(getMyQueue).toHaveBeenCalledTimes(2);
      expect(rows(element)).toHaveLength(6);

      await advance(60 * SECOND);
      expect(getMyQueue).toHaveBeenCalledTimes(3);
    });

    it('does not stack a poll behind a request still running', async () => {
      await createLoadedQueue(queue);
      const pending = deferred();
      getMyQueue.mockReturnValueOnce(pending.promise);

      await advance(60 * SECOND);
      await advance(60 * SECOND);
      expect(getMyQueue).toHaveBeenCalledTimes(2);

      pending.resolve(ok(queue));
      await flushPromises();
      await advance(60 * SECOND);
      expect(getMyQueue).toHaveBeenCalledTimes(3);
    });

    it('stops polling and counting down once removed from the page', async () => {
      const element = await createLoadedQueue(queue);
      expect(jest.getTimerCount()).toBe(2);

      document.body.removeChild(element);
      expect(jest.getTimerCount()).toBe(0);
      await advance(10 * MINUTE);

      expect(getMyQueue).toHaveBeenCalledTimes(1);
    });

    it('keeps the list when a poll fails, says so, and clears the message when a later poll works', async () => {
      const element = await createLoadedQueue(queue);

      getMyQueue.mockRejectedValueOnce({ body: { message: UNREACHABLE } });
      await advance(60 * SECOND);

      const alert = $(element, '.refresh-error');
      expect(alert.getAttribute('role')).toBe('alert');
      expect(text(alert)).toBe(UNREACHABLE);
      expect(rows(element)).toHaveLength(1);

      await advance(60 * SECOND);
      expect($(element, '.refresh-error')).toBeNull();
      expect(rows(element)).toHaveLength(1);
    });

    it('tries again from the refresh message', async () => {
      const element = await createLoadedQueue(queue);
      getMyQueue.mockRejectedValueOnce({ body: { message: UNREACHABLE } });
      $(element, 'lightning-button-icon.refresh').click();
      await flushPromises();

      buttonLabelled(element, 'Try again').click();
      await flushPromises();

      expect(getMyQueue).toHaveBeenCalledTimes(3);
      expect($(element, '.refresh-error')).toBeNull();
    });

    it('is accessible with a failed refresh on screen', async () => {
      const element = await createLoadedQueue(queue);
      getMyQueue.mockRejectedValueOnce({ body: { message: UNREACHABLE } });
      await advance(60 * SECOND);

      useRealClock();
      await expect(element).toBeAccessible();
    });
  });

  describe('navigation', () => {
    it('links each name to its record page', async () => {
      const element = await createLoadedQueue();

      expect(getGenerateUrlCalledWith().pageReference).toEqual(recordPage('00Q5g00000A1b2HEAR', 'Lead'));
      expect(rows(element).every((row) => row.querySelector('a.name').getAttribute('href'))).toBe(true);
    });

    it('opens the record when the name is clicked', async () => {
      const element = await createLoadedQueue();

      const click = new MouseEvent('click', { bubbles: true, cancelable: true, composed: true });
      rows(element)[0].querySelector('a.name').dispatchEvent(click);

      expect(click.defaultPrevented).toBe(true);
      expect(getNavigateCalledWith().pageReference).toEqual(recordPage('00Q5g00000A1b2CEAR', 'Lead'));
    });

    it('leaves a modified click to the browser, to open the link in a new tab', async () => {
      const element = await createLoadedQueue();
      const seen = [];
      // Records what the component did, then stops jsdom from trying to follow the link.
      element.addEventListener('click', (event) => {
        seen.push(event.defaultPrevented);
        event.preventDefault();
      });

      const click = new MouseEvent('click', { bubbles: true, cancelable: true, composed: true, ctrlKey: true });
      rows(element)[0].querySelector('a.name').dispatchEvent(click);

      expect(seen).toEqual([false]);
      expect(getNavigateCalledWith()).toEqual({});
    });

    it('opens a contact as a contact', async () => {
      const element = await createLoadedQueue();

      rows(element)[2].querySelector('lightning-button-icon.open').click();

      expect(getNavigateCalledWith().pageReference).toEqual(recordPage('0035g00000B7x9QAAR', 'Contact'));
    });

    it('opens the record to log a call there, with Salesforce’s own Log a Call', async () => {
      const element = await createLoadedQueue();

      const logCall = rows(element)[1].querySelector('lightning-button-icon.log-call');
      expect(logCall.iconName).toBe('utility:log_a_call');
      logCall.click();

      expect(getNavigateCalledWith().pageReference).toEqual(recordPage('00Q5g00000A1b2DEAR', 'Lead'));
      expect(getMyQueue).toHaveBeenCalledTimes(1);
    });
  });

  describe('loading', () => {
    it('shows a spinner with alternative text until the queue arrives', async () => {
      getMyQueue.mockReturnValue(new Promise(() => {}));
      const element = createQueue();
      await flushPromises();

      expect(spinnerTexts(element)).toEqual(['Loading your leads']);
      expect($(element, 'table')).toBeNull();
    });

    it('is accessible', async () => {
      getMyQueue.mockReturnValue(new Promise(() => {}));
      const element = createQueue();
      await flushPromises();

      useRealClock();
      await expect(element).toBeAccessible();
    });
  });

  describe('with leads', () => {
    it('is accessible', async () => {
      const element = await createLoadedQueue();

      useRealClock();
      await expect(element).toBeAccessible();
    });
  });

  describe('not on the roster', () => {
    it('tells the rep to ask their admin, without filters or a list', async () => {
      getMyQueue.mockResolvedValue(NOT_ON_ROSTER);
      const element = createQueue();
      await flushPromises();

      expect(text($deep(element, '.roster-message'))).toBe(ROSTER_MESSAGE);
      expect($(element, 'table')).toBeNull();
      expect($(element, 'lightning-combobox')).toBeNull();
      expect($(element, 'lightning-button-icon.refresh')).not.toBeNull();
    });

    it('shows the queue once the admin has added the rep', async () => {
      getMyQueue.mockResolvedValue(NOT_ON_ROSTER);
      const element = createQueue();
      await flushPromises();

      getMyQueue.mockResolvedValue(ok(queue));
      await advance(60 * SECOND);

      expect($deep(element, '.roster-message')).toBeNull();
      expect(rows(element)).toHaveLength(1);
    });

    it('is accessible', async () => {
      getMyQueue.mockResolvedValue(NOT_ON_ROSTER);
      const element = createQueue();
      await flushPromises();

      useRealClock();
      await expect(element).toBeAccessible();
    });
  });

  describe('empty', () => {
    it('says nothing is waiting and where new leads come from', async () => {
      const element = await createLoadedQueue(emptyQueue);

      expect(text($deep(element, '.empty-message'))).toBe(EMPTY_MESSAGE);
      expect($(element, 'table')).toBeNull();
      expect($(element, 'lightning-combobox.tier-filter')).not.toBeNull();
    });

    it('is accessible', async () => {
      const element = await createLoadedQueue(emptyQueue);

      useRealClock();
      await expect(element).toBeAccessible();
    });
  });

  describe('error', () => {
    it('shows the message written for the rep and tries again', async () => {
      getMyQueue.mockRejectedValueOnce({
        body: { message: UNREACHABLE, stackTrace: 'Class.SdrLeadQueueController.getMyQueue: line 40' },
        status: 500,
      });
      const element = createQueue();
      await flushPromises();

      const alert = $deep(element, '[role="alert"]');
      expect(text(alert)).toBe(UNREACHABLE);
      expect(deepText(element)).not.toContain('SdrLeadQueueController');
      expect($(element, 'table')).toBeNull();

      getMyQueue.mockResolvedValueOnce(ok(queue));
      buttonLabelled(element, 'Try again').click();
      await flushPromises();

      expect(getMyQueue).toHaveBeenCalledTimes(2);
      expect(getMyQueue).toHaveBeenLastCalledWith(ALL_FILTERS);
      expect($deep(element, '[role="alert"]')).toBeNull();
      expect(rows(element)).toHaveLength(1);
    });

    it('shows a spinner and disables Try again while trying', async () => {
      getMyQueue.mockRejectedValueOnce({ body: { message: UNREACHABLE } });
      const element = createQueue();
      await flushPromises();
      const pending = deferred();
      getMyQueue.mockReturnValueOnce(pending.promise);

      buttonLabelled(element, 'Try again').click();
      await flushPromises();

      expect(spinnerTexts(element)).toEqual(['Refreshing']);
      expect(buttonLabelled(element, 'Try again').disabled).toBe(true);

      pending.reject({ body: { message: UNREACHABLE } });
      await flushPromises();
      expect(spinnerTexts(element)).toEqual([]);
      expect(text($deep(element, '.error-message'))).toBe(UNREACHABLE);
    });

    it('falls back to a plain message when the error carries none', async () => {
      getMyQueue.mockRejectedValueOnce(new TypeError("Cannot read properties of undefined (reading 'data')"));
      const element = createQueue();
      await flushPromises();

      expect(text($deep(element, '.error-message'))).toBe(
        'Something went wrong loading your leads. Try again in a minute.',
      );
    });

    it('says so in words, not raw JSON, when the answer cannot be read', async () => {
      getMyQueue.mockResolvedValueOnce('{"status":"ok","queue":{"data":[{"lead":null}]}}');
      const element = createQueue();
      await flushPromises();

      expect(text($deep(element, '.error-message'))).toBe(
        'The SDR service sent a queue this page cannot read. Try again in a minute.',
      );
    });

    it('is accessible', async () => {
      getMyQueue.mockRejectedValueOnce({ body: { message: UNREACHABLE } });
      const element = createQueue();
      await flushPromises();

      useRealClock();
      await expect(element).toBeAccessible();
    });
  });
});
