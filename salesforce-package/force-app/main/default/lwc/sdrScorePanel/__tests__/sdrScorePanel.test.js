import { createElement } from 'lwc';
import SdrScorePanel from 'c/sdrScorePanel';
import getScore from '@salesforce/apex/SdrScoreController.getScore';
import rescore from '@salesforce/apex/SdrScoreController.rescore';
import { refreshApex } from '@salesforce/apex';
import leadScore from './data/leadScore.json';
import staleScore from './data/leadScoreStale.json';
import rulesScore from './data/leadScoreRules.json';
import { $deep, $$deep, deepText } from '../../../../../test/panelState';

jest.mock(
  '@salesforce/apex/SdrScoreController.getScore',
  () => {
    // jest.mock factories run before imports are bound, so the adapter factory has to be required here.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { createApexTestWireAdapter } = require('@salesforce/sfdx-lwc-jest');
    return { default: createApexTestWireAdapter(jest.fn()) };
  },
  { virtual: true },
);
jest.mock('@salesforce/apex/SdrScoreController.rescore', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex', () => ({ refreshApex: jest.fn() }), { virtual: true });

const RECORD_ID = '00Q5g00000AbCdEFGH';
const UNREACHABLE = 'The SDR service cannot be reached right now. Try again in a minute.';
const NO_PERMISSION = 'You need the SDR User permission set to see this. Ask your Salesforce admin.';

const scored = (score) => JSON.stringify({ status: 'scored', score });
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

function createPanel(recordId = RECORD_ID) {
  const element = createElement('c-sdr-score-panel', { is: SdrScorePanel });
  element.recordId = recordId;
  document.body.appendChild(element);
  return element;
}

async function createScoredPanel(score = leadScore) {
  const element = createPanel();
  getScore.emit(scored(score));
  await flushPromises();
  return element;
}

const $ = (element, selector) => element.shadowRoot.querySelector(selector);
const $$ = (element, selector) => Array.from(element.shadowRoot.querySelectorAll(selector));
const text = (node) => node.textContent.replace(/\s+/g, ' ').trim();
const buttonLabelled = (element, label) => $$deep(element, 'lightning-button').find((button) => button.label === label);
const spinnerTexts = (element) => $$deep(element, 'lightning-spinner').map((spinner) => spinner.alternativeText);

describe('c-sdr-score-panel', () => {
  beforeEach(() => {
    refreshApex.mockResolvedValue(undefined);
  });

  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.resetAllMocks();
  });

  describe('scored', () => {
    it('asks for the score of its record', async () => {
      createPanel();
      await flushPromises();
      expect(getScore.getLastConfig()).toEqual({ recordId: RECORD_ID });
    });

    it('shows EV as money in the score currency and as points with its tier', async () => {
      const element = await createScoredPanel();

      const money = $(element, 'lightning-formatted-number.money-amount');
      expect(money.value).toBe(8360);
      expect(money.formatStyle).toBe('currency');
      expect(money.currencyCode).toBe('GBP');
      expect($(element, 'lightning-formatted-number.chance-value').value).toBe(0.22);

      const ev = $(element, '.gauge[data-dimension="ev"]');
      expect(text(ev.querySelector('.gauge-label'))).toBe('EV');
      expect(text(ev.querySelector('.gauge-value'))).toBe('72');
      expect(text(ev.querySelector('.tier'))).toBe('Hot');
    });

    it('shows risk and urgency as points', async () => {
      const element = await createScoredPanel();

      expect(text($(element, '.gauge[data-dimension="risk"] .gauge-value'))).toBe('35');
      expect(text($(element, '.gauge[data-dimension="urgency"] .gauge-value'))).toBe('81');
    });

    it('exposes each gauge to assistive tech as a meter with its value, range and label', async () => {
      const element = await createScoredPanel();

      const meters = $$(element, '[role="meter"]').map((meter) => ({
        label: meter.getAttribute('aria-label'),
        now: meter.getAttribute('aria-valuenow'),
        min: meter.getAttribute('aria-valuemin'),
        max: meter.getAttribute('aria-valuemax'),
        text: meter.getAttribute('aria-valuetext'),
      }));
      expect(meters).toEqual([
        { label: 'EV', now: '72', min: '0', max: '100', text: '72 of 100, Hot' },
        { label: 'Risk', now: '35', min: '0', max: '100', text: '35 of 100' },
        { label: 'Urgency', now: '81', min: '0', max: '100', text: '81 of 100' },
      ]);
      // The visible numbers repeat the meters, so they are hidden to avoid reading everything twice.
      $$(element, '.gauge-head').forEach((head) => expect(head.getAttribute('aria-hidden')).toBe('true'));
    });

    it('sizes each gauge by its value', async () => {
      const element = await createScoredPanel();

      const widths = $$(element, '.gauge-fill').map((fill) => fill.style.width);
      expect(widths).toEqual(['72%', '35%', '81%']);
    });

    it('lists the reasons grouped by dimension, strongest first, each with its sign as text and icon', async () => {
      const element = await createScoredPanel();

      const groups = $$(element, '.reason-group').map((group) => ({
        title: text(group.querySelector('.group-title')),
        reasons: Array.from(group.querySelectorAll('.reason')).map((reason) => ({
          text: text(reason.querySelector('.reason-text')),
          icon: reason.querySelector('lightning-icon').iconName,
          iconText: reason.querySelector('lightning-icon').alternativeText,
        })),
      }));
      expect(groups).toEqual([
        {
          title: 'EV',
          reasons: [
            { text: '+ Company size (420 employees)', icon: 'utility:arrowup', iconText: 'Raises EV' },
            { text: '+ Seniority (VP)', icon: 'utility:arrowup', iconText: 'Raises EV' },
            { text: '+ Fleet size (140 vehicles)', icon: 'utility:arrowup', iconText: 'Raises EV' },
          ],
        },
        {
          title: 'Risk',
          reasons: [
            {
              text: '+ Competitor in the deal (Trakwell Telematics)',
              icon: 'utility:arrowup',
              iconText: 'Raises Risk',
            },
            { text: '\u2212 Replies to outreach (3 replies)', icon: 'utility:arrowdown', iconText: 'Lowers Risk' },
          ],
        },
        {
          title: 'Urgency',
          reasons: [
            { text: '+ Asked for pricing (4 days ago)', icon: 'utility:arrowup', iconText: 'Raises Urgency' },
            { text: '+ Lead source (Webinar)', icon: 'utility:arrowup', iconText: 'Raises Urgency' },
          ],
        },
      ]);
    });

    it('puts the strongest reason first even when they arrive out of order', async () => {
      const reversed = { ...leadScore, topReasons: [...leadScore.topReasons].reverse() };
      const element = await createScoredPanel(reversed);

      const urgency = $$(element, '.reason-group[data-dimension="urgency"] .reason-text').map(text);
      expect(urgency).toEqual(['+ Asked for pricing (4 days ago)', '+ Lead source (Webinar)']);
    });

    it('shows the model version and when the score was made', async () => {
      const element = await createScoredPanel();

      expect(text($(element, '.model'))).toBe('2026-11-24.1');
      expect($(element, 'lightning-relative-date-time.scored-at').value).toBe(Date.parse('2026-11-24T09:03:12.000Z'));
    });

    it('says "rules" when no model version produced the score', async () => {
      const element = await createScoredPanel(rulesScore);

      expect(text($(element, '.model'))).toBe('rules');
    });

    it('shows no stale marker and no missing features on a fresh, complete score', async () => {
      const element = await createScoredPanel();

      expect($(element, '.stale')).toBeNull();
      expect($(element, '.missing')).toBeNull();
    });

    it('marks a stale score in words and lists the features it does not know', async () => {
      const element = await createScoredPanel(staleScore);

      expect(text($(element, '.stale-label'))).toBe('Stale');
      expect(text($(element, '.stale'))).toContain('Rescore to update');
      expect(text($(element, '.missing'))).toBe('Not known: Annual revenue, Industry');
    });

    it('offers the Rescore button', async () => {
      const element = await createScoredPanel();

      const button = $(element, 'lightning-button-icon');
      expect(button.alternativeText).toBe('Rescore');
      expect(button.iconName).toBe('utility:refresh');
      expect(button.disabled).toBe(false);
    });

    it('is accessible', async () => {
      const element = await createScoredPanel(staleScore);

      await expect(element).toBeAccessible();
    });
  });

  describe('loading', () => {
    it('shows a spinner with alternative text until the wire emits', async () => {
      const element = createPanel();
      await flushPromises();

      expect(spinnerTexts(element)).toEqual(['Loading SDR scores']);
      expect($(element, '.gauges')).toBeNull();
      expect($(element, 'lightning-button-icon')).toBeNull();
    });
  });

  describe('not synced', () => {
    it('explains that the record syncs soon and offers to check again', async () => {
      const element = createPanel();
      getScore.emit(NOT_SYNCED);
      await flushPromises();

      expect(text($deep(element, '.empty-message'))).toBe(
        'This record is not in the SDR service yet. It syncs within a few minutes.',
      );
      expect($(element, '.gauges')).toBeNull();
      expect($(element, 'lightning-button-icon')).toBeNull();

      buttonLabelled(element, 'Check again').click();
      await flushPromises();

      expect(refreshApex).toHaveBeenCalledTimes(1);
      expect(refreshApex.mock.calls[0][0]).toEqual({ data: NOT_SYNCED, error: undefined });
    });

    it('shows the score once the record has synced', async () => {
      const element = createPanel();
      getScore.emit(NOT_SYNCED);
      await flushPromises();

      getScore.emit(scored(leadScore));
      await flushPromises();

      expect($deep(element, '.empty-message')).toBeNull();
      expect($$(element, '[role="meter"]')).toHaveLength(3);
    });

    it('is accessible', async () => {
      const element = createPanel();
      getScore.emit(NOT_SYNCED);
      await flushPromises();

      await expect(element).toBeAccessible();
    });
  });

  describe('error', () => {
    it('shows the message written for the rep and retries with refreshApex', async () => {
      const element = createPanel();
      getScore.error({ message: UNREACHABLE, stackTrace: 'Class.SdrScoreController.getScore: line 12' });
      await flushPromises();

      const alert = $deep(element, '[role="alert"]');
      expect(text(alert)).toBe(UNREACHABLE);
      expect(deepText(element)).not.toContain('SdrScoreController');
      expect($(element, '.gauges')).toBeNull();

      buttonLabelled(element, 'Try again').click();
      await flushPromises();

      expect(refreshApex).toHaveBeenCalledTimes(1);
      expect(refreshApex.mock.calls[0][0].error.body.message).toBe(UNREACHABLE);
    });

    it('shows the no-permission message as it comes', async () => {
      const element = createPanel();
      getScore.error({ message: NO_PERMISSION }, 403, 'Forbidden');
      await flushPromises();

      expect(text($deep(element, '.error-message'))).toBe(NO_PERMISSION);
    });

    it('falls back to a plain message when the error carries none', async () => {
      const element = createPanel();
      getScore.error({ stackTrace: 'System.NullPointerException' }, 500, 'Server Error');
      await flushPromises();

      const message = text($deep(element, '.error-message'));
      expect(message).toBe('Something went wrong loading the scores. Try again in a minute.');
    });

    it('says so in words, not raw JSON, when the payload cannot be read', async () => {
      const element = createPanel();
      getScore.emit('{"status":"scored"');
      await flushPromises();

      const message = text($deep(element, '.error-message'));
      expect(message).toBe('The SDR service sent a score this panel cannot read. Try again in a minute.');
    });

    it('shows a spinner while retrying', async () => {
      const pending = deferred();
      refreshApex.mockReturnValue(pending.promise);
      const element = createPanel();
      getScore.error({ message: UNREACHABLE });
      await flushPromises();

      buttonLabelled(element, 'Try again').click();
      await flushPromises();
      expect(spinnerTexts(element)).toEqual(['Checking again']);
      expect(buttonLabelled(element, 'Try again').disabled).toBe(true);

      pending.resolve();
      await flushPromises();
      expect(spinnerTexts(element)).toEqual([]);
    });

    it('is accessible', async () => {
      const element = createPanel();
      getScore.error({ message: UNREACHABLE });
      await flushPromises();

      await expect(element).toBeAccessible();
    });
  });

  describe('rescore', () => {
    it('shows a spinner while rescoring, then the fresh score, refreshes the wire and toasts', async () => {
      const fresh = { ...leadScore, ev: 80, evTier: 'hot', risk: 20, urgency: 90 };
      const pending = deferred();
      rescore.mockReturnValue(pending.promise);
      const element = await createScoredPanel(staleScore);
      const toast = jest.fn();
      element.addEventListener('lightning__showtoast', toast);

      $(element, 'lightning-button-icon').click();
      await flushPromises();

      expect(rescore).toHaveBeenCalledWith({ recordId: RECORD_ID });
      expect(spinnerTexts(element)).toEqual(['Rescoring']);
      expect($(element, 'lightning-button-icon').disabled).toBe(true);
      expect(refreshApex).not.toHaveBeenCalled();
      expect(toast).not.toHaveBeenCalled();

      pending.resolve(scored(fresh));
      await flushPromises();

      expect(spinnerTexts(element)).toEqual([]);
      expect(refreshApex).toHaveBeenCalledTimes(1);
      expect(refreshApex.mock.calls[0][0]).toEqual({ data: scored(staleScore), error: undefined });
      expect(toast).toHaveBeenCalledTimes(1);
      expect(toast.mock.calls[0][0].detail).toEqual({
        title: 'Scores updated',
        message: 'EV 80, Risk 20, Urgency 90.',
        variant: 'success',
      });
      expect(text($(element, '.gauge[data-dimension="ev"] .gauge-value'))).toBe('80');
      expect($(element, '.stale')).toBeNull();
      expect($(element, 'lightning-button-icon').disabled).toBe(false);
    });

    it('ignores a second click while a rescore is running', async () => {
      const pending = deferred();
      rescore.mockReturnValue(pending.promise);
      const element = await createScoredPanel();

      $(element, 'lightning-button-icon').click();
      $(element, 'lightning-button-icon').click();
      await flushPromises();
      expect(rescore).toHaveBeenCalledTimes(1);

      pending.resolve(scored(leadScore));
      await flushPromises();
    });

    it('shows the message and a retry when rescoring fails, keeping the last score', async () => {
      rescore.mockRejectedValueOnce({ body: { message: UNREACHABLE }, status: 503 });
      const element = await createScoredPanel();
      const toast = jest.fn();
      element.addEventListener('lightning__showtoast', toast);

      $(element, 'lightning-button-icon').click();
      await flushPromises();

      const alert = $(element, '.rescore-error');
      expect(alert.getAttribute('role')).toBe('alert');
      expect(text(alert)).toBe(UNREACHABLE);
      expect(spinnerTexts(element)).toEqual([]);
      expect(refreshApex).not.toHaveBeenCalled();
      expect(toast).not.toHaveBeenCalled();
      expect(text($(element, '.gauge[data-dimension="ev"] .gauge-value'))).toBe('72');

      rescore.mockResolvedValueOnce(scored(leadScore));
      buttonLabelled(element, 'Try again').click();
      await flushPromises();

      expect(rescore).toHaveBeenCalledTimes(2);
      expect($(element, '.rescore-error')).toBeNull();
      expect(toast).toHaveBeenCalledTimes(1);
    });

    it('says plainly that rescoring failed when the error carries no message', async () => {
      rescore.mockRejectedValueOnce(new TypeError("Cannot read properties of undefined (reading 'score')"));
      const element = await createScoredPanel();

      $(element, 'lightning-button-icon').click();
      await flushPromises();

      expect(text($(element, '.rescore-error'))).toBe('Rescoring did not work. Try again in a minute.');
    });

    it('is accessible with a failed rescore on screen', async () => {
      rescore.mockRejectedValueOnce({ body: { message: UNREACHABLE } });
      const element = await createScoredPanel();

      $(element, 'lightning-button-icon').click();
      await flushPromises();

      await expect(element).toBeAccessible();
    });

    it('shows the empty state without a toast when the service no longer knows the record', async () => {
      rescore.mockResolvedValueOnce(NOT_SYNCED);
      const element = await createScoredPanel();
      const toast = jest.fn();
      element.addEventListener('lightning__showtoast', toast);

      $(element, 'lightning-button-icon').click();
      await flushPromises();

      expect($deep(element, '.empty-message')).not.toBeNull();
      expect(toast).not.toHaveBeenCalled();
    });
  });

  describe('outside a record page', () => {
    it('says where the panel belongs instead of loading forever', async () => {
      // App pages have no record, so recordId is never set there.
      const element = createElement('c-sdr-score-panel', { is: SdrScorePanel });
      document.body.appendChild(element);
      await flushPromises();

      expect(spinnerTexts(element)).toEqual([]);
      expect(text($(element, '.no-record'))).toBe('Add this panel to a Lead or Contact record page to see its scores.');
    });
  });
});
