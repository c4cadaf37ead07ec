import { createElement } from 'lwc';
import SdrResearch from 'c/sdrResearch';
import getResearch from '@salesforce/apex/SdrResearchController.getResearch';
import getReport from '@salesforce/apex/SdrResearchController.getReport';
import chooseRegisterEntry from '@salesforce/apex/SdrResearchController.chooseRegisterEntry';
import report from './data/report.json';
import reportPending from './data/reportPending.json';
import reportRunning from './data/reportRunning.json';
import reportFailed from './data/reportFailed.json';
import reportAmbiguous from './data/reportAmbiguous.json';
import reportUnavailable from './data/reportUnavailable.json';
import { $deep, $$deep, deepText } from '../../../../../test/panelState';

jest.mock('@salesforce/apex/SdrResearchController.getResearch', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/SdrResearchController.getReport', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/SdrResearchController.chooseRegisterEntry', () => ({ default: jest.fn() }), {
  virtual: true,
});

const RECORD_ID = '00Q5g00000AbCdEFGH';
const COMPANY = { id: report.companyId, name: 'Northwind Logistics Ltd' };
// Three days after the example was researched.
const NOW = Date.parse('2026-11-27T10:00:00.000Z');
const UNREACHABLE = 'The SDR service cannot be reached right now. Try again in a minute.';

const ok = (value, company = COMPANY) => JSON.stringify({ status: 'ok', company, report: value });
const polled = (value) => JSON.stringify({ status: 'ok', report: value });
const NOT_SYNCED = JSON.stringify({ status: 'not_synced' });
const NO_COMPANY = JSON.stringify({ status: 'no_company' });
const apexError = (message) => ({ body: { message }, status: 500 });

// Enough turns of the microtask queue for an awaited Apex call and the re-render after it.
async function flushPromises() {
  for (let i = 0; i < 6; i += 1) {
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

async function createPanel(answer, recordId = RECORD_ID) {
  if (answer !== undefined) {
    getResearch.mockResolvedValueOnce(answer);
  }
  const element = createElement('c-sdr-research', { is: SdrResearch });
  element.recordId = recordId;
  document.body.appendChild(element);
  await flushPromises();
  return element;
}

const $ = (element, selector) => element.shadowRoot.querySelector(selector);
const $$ = (element, selector) => Array.from(element.shadowRoot.querySelectorAll(selector));
const text = (node) => node.textContent.replace(/\s+/g, ' ').trim();
const texts = (element, selector) => $$(element, selector).map(text);
const buttonLabelled = (element, label) => $$deep(element, 'lightning-button').find((button) => button.label === label);

describe('c-sdr-research', () => {
  beforeEach(() => {
    // Microtasks stay real: the Apex mocks resolve through them, and LWC re-renders on them.
    jest.useFakeTimers({ now: NOW, doNotFake: ['queueMicrotask', 'nextTick', 'setImmediate'] });
  });

  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.useRealTimers();
    jest.resetAllMocks();
  });

  describe('a completed report (the contract example)', () => {
    it('asks for the research of its record without refreshing', async () => {
      await createPanel(ok(report));
      expect(getResearch).toHaveBeenCalledTimes(1);
      expect(getResearch).toHaveBeenCalledWith({ recordId: RECORD_ID, refresh: false });
    });

    it('heads the report with the company and how fresh it is, and offers a refresh', async () => {
      const element = await createPanel(ok(report));

      expect(text($(element, '.research-heading'))).toBe('Northwind Logistics Ltd');
      expect(text($(element, '.freshness-text'))).toBe('Researched 3 days ago');
      expect($(element, '.age-badge')).toBeNull();
      const refresh = $(element, 'lightning-button.refresh');
      expect(refresh.label).toBe('Refresh');
      expect(refresh.slot).toBe('actions');
      expect(refresh.disabled).toBe(false);
    });

    it('marks a report older than a week as stale, and one past its expiry as expired', async () => {
      jest.setSystemTime(Date.parse('2026-12-05T09:00:00.000Z'));
      const stale = await createPanel(ok(report));
      expect(text($(stale, '.freshness-text'))).toBe('Researched 10 days ago');
      expect($(stale, '.stale-badge').label).toBe('Stale');

      jest.setSystemTime(Date.parse('2026-12-30T09:00:00.000Z'));
      const expired = await createPanel(ok(report));
      expect($(expired, '.expired-badge').label).toBe('Expired');
      expect(text($(expired, '.age-note'))).toBe('Refresh for the latest.');
    });

    it('shows the overview as text with a citation marker for each fact it rests on', async () => {
      const element = await createPanel(ok(report));

      expect(text($(element, '.overview-text'))).toBe(report.overview);
      const markers = $$(element, '.overview .citation');
      expect(markers.map(text)).toEqual(['[1]', '[2]', '[3]', '[5]', '[6]']);
      expect(markers[0].getAttribute('aria-label')).toBe(`Fact 1: ${report.facts[0].statement}`);
      expect(markers.map((marker) => marker.dataset.factId)).toEqual(report.overviewFactIds);
      expect(text($(element, '.written-by'))).toBe('Summary written by AI from the facts below. Check the sources.');
    });

    it('moves focus to the fact a citation marker points at', async () => {
      const element = await createPanel(ok(report));

      $(element, '.overview .citation[data-fact-id="f3"]').click();

      const fact = $(element, '.fact[data-fact-id="f3"]');
      expect(element.shadowRoot.activeElement).toBe(fact);
      expect(fact.getAttribute('tabindex')).toBe('-1');
    });

    it('lists the talking points with their citations', async () => {
      const element = await createPanel(ok(report));

      const points = $$(element, '.talking-point');
      expect(points).toHaveLength(2);
      expect(text(points[0].querySelector('.point-text'))).toBe(report.talkingPoints[0].text);
      expect(Array.from(points[1].querySelectorAll('.citation')).map(text)).toEqual(['[5]', '[6]']);
    });

    it('lists the key people with their roles, and the date a person started when known', async () => {
      const element = await createPanel(ok(report));

      const people = $$(element, '.person');
      expect(people.map((person) => text(person.querySelector('.person-name')))).toEqual([
        'Priya Raman',
        'Daniel Okafor',
      ]);
      expect(text(people[0].querySelector('.person-role'))).toBe('VP Operations');
      expect(people[0].querySelector('.person-since')).toBeNull();
      expect(people[1].querySelector('.person-since-date').value).toBe('2026-09-01');
    });

    it('dates the recent events', async () => {
      const element = await createPanel(ok(report));

      const event = $(element, '.event');
      expect(event.querySelector('.event-date').value).toBe('2026-09-01');
      expect(event.querySelector('.event-date').timeZone).toBe('UTC');
      expect(text(event.querySelector('.event-title'))).toBe('Daniel Okafor appointed director');
      expect(text(event.querySelector('.citation'))).toBe('[3]');
    });

    it('shows each risk flag as a badge named by its severity', async () => {
      const element = await createPanel(ok(report));

      const risk = $(element, '.risk');
      expect(risk.dataset.severity).toBe('medium');
      const badge = risk.querySelector('lightning-badge');
      expect(badge.label).toBe('Medium risk');
      expect(badge.className).toContain('risk-badge_medium');
      expect(badge.iconName).toBe('utility:warning');
      expect(text(risk.querySelector('.risk-text'))).toBe('Trakwell Telematics is already in the deal');
    });

    it('orders risk flags from high to low severity', async () => {
      const flags = [
        { code: 'a', severity: 'low', text: 'Low one', factIds: [] },
        { code: 'b', severity: 'high', text: 'High one', factIds: ['f1'] },
        { code: 'c', severity: 'medium', text: 'Medium one', factIds: [] },
      ];
      const element = await createPanel(ok({ ...report, riskFlags: flags }));

      expect(texts(element, '.risk-text')).toEqual(['High one', 'Medium one', 'Low one']);
      expect($$(element, '.risk lightning-badge').map((badge) => badge.label)).toEqual([
        'High risk',
        'Medium risk',
        'Low risk',
      ]);
    });

    it('shows what the CRM knows: pipeline, deals, last touch and competitors', async () => {
      const element = await createPanel(ok(report));

      const pipeline = $(element, '.pipeline-amount');
      expect(pipeline.value).toBe(38000);
      expect(pipeline.currencyCode).toBe('GBP');
      expect(text($(element, '.open-deals'))).toBe('1 open deal, 2 leads');
      expect($(element, '.last-touch').value).toBe(Date.parse('2026-11-19T15:30:00.000Z'));
      expect(text($(element, '.competitors'))).toBe('Trakwell Telematics');
    });

    it('numbers every fact, linking web sources in a new tab and naming CRM facts as such', async () => {
      const element = await createPanel(ok(report));

      const facts = $$(element, '.fact');
      expect(facts).toHaveLength(6);
      expect(facts.map((fact) => text(fact.querySelector('.fact-number')))).toEqual([
        '[1]',
        '[2]',
        '[3]',
        '[4]',
        '[5]',
        '[6]',
      ]);
      expect(text(facts[2].querySelector('.fact-statement'))).toBe(report.facts[2].statement);
      const link = facts[2].querySelector('a.fact-link');
      expect(link.getAttribute('href')).toBe(report.facts[2].source.url);
      expect(link.getAttribute('target')).toBe('_blank');
      expect(link.getAttribute('rel')).toBe('noopener noreferrer');
      expect(text(link)).toBe('Companies House (opens in a new tab)');
      expect(facts[3].querySelector('a')).toBeNull();
      expect(text(facts[3].querySelector('.fact-source-name'))).toBe('CRM');
    });

    it('lists the sources, web ones as links', async () => {
      const element = await createPanel(ok(report));

      const sources = $$(element, '.source');
      expect(sources).toHaveLength(3);
      expect(sources[1].querySelector('a.source-link').getAttribute('href')).toBe(report.sources[1].url);
      expect(text(sources[2])).toBe('CRM');
      expect(sources[2].querySelector('a')).toBeNull();
    });

    it('names the register entry of a matched company and shows no register notice', async () => {
      const element = await createPanel(ok(report));

      expect(text($(element, '.register-settled'))).toBe('Companies House company number 08123456');
      expect($(element, '.register-notice')).toBeNull();
      expect($(element, '.candidates')).toBeNull();
      expect($(element, '.missing')).toBeNull();
    });

    it('never turns report text into markup, and never links a source that is not a web address', async () => {
      const hostile = {
        ...report,
        overview: '<img src=x onerror="alert(1)"><b>bold</b>',
        facts: [
          {
            ...report.facts[0],
            statement: '<script>alert(1)</script>',
            source: { name: 'Web', url: ['javascript', 'alert(1)'].join(':') },
          },
          ...report.facts.slice(1),
        ],
      };
      const element = await createPanel(ok(hostile));

      expect(text($(element, '.overview-text'))).toBe(hostile.overview);
      expect($(element, '.overview img, .overview b, .facts script')).toBeNull();
      const first = $(element, '.fact');
      expect(text(first.querySelector('.fact-statement'))).toBe('<script>alert(1)</script>');
      expect(first.querySelector('a')).toBeNull();
      expect(text(first.querySelector('.fact-source-name'))).toBe('Web');
    });

    it('is accessible', async () => {
      const element = await createPanel(ok(report));
      // Axe runs on real timers.
      jest.useRealTimers();
      await expect(element).toBeAccessible();
    });
  });

  describe('a report being written', () => {
    it('shows its progress, without a refresh, and follows it until it is completed', async () => {
      const element = await createPanel(ok(reportPending));

      expect(text($(element, '.progress'))).toContain('Research is queued');
      expect($(element, '.progress').getAttribute('role')).toBe('status');
      expect($(element, 'lightning-button.refresh')).toBeNull();
      expect(text($(element, '.research-heading'))).toBe('Northwind Logistics Ltd');
      expect(getReport).not.toHaveBeenCalled();

      getReport.mockResolvedValueOnce(polled(reportRunning));
      jest.advanceTimersByTime(2000);
      await flushPromises();
      expect(getReport).toHaveBeenCalledWith({ reportId: report.id });
      expect(text($(element, '.progress-text'))).toBe('Researching the company. This usually takes under a minute.');

      getReport.mockResolvedValueOnce(polled(report));
      jest.advanceTimersByTime(2000);
      await flushPromises();
      expect(getReport).toHaveBeenCalledTimes(2);
      expect($(element, '.progress')).toBeNull();
      expect(text($(element, '.overview-text'))).toBe(report.overview);
      // The company named when the research was asked for stays in the heading.
      expect(text($(element, '.research-heading'))).toBe('Northwind Logistics Ltd');

      jest.advanceTimersByTime(60000);
      await flushPromises();
      expect(getReport).toHaveBeenCalledTimes(2);
    });

    it('asks less often as time goes on, and stops after two minutes with a way to check again', async () => {
      getReport.mockResolvedValue(polled(reportRunning));
      const element = await createPanel(ok(reportRunning));

      // A second at a time, so each answer schedules the next question before time moves on.
      const callsAt = async (ms) => {
        for (let passed = 0; passed < ms; passed += 1000) {
          jest.advanceTimersByTime(1000);
          // eslint-disable-next-line no-await-in-loop
          await flushPromises();
        }
        return getReport.mock.calls.length;
      };
      // Every 2 s for the first 10 s.
      expect(await callsAt(10000)).toBe(5);
      // Then every 5 s.
      expect(await callsAt(5000)).toBe(6);
      expect(await callsAt(15000)).toBe(9);
      // Then every 10 s, until two minutes have passed.
      expect(await callsAt(10000)).toBe(10);
      expect(await callsAt(80000)).toBe(18);
      expect(await callsAt(600000)).toBe(18);

      expect(text($(element, '.poll-message'))).toBe('This is taking longer than usual. Check again in a minute.');
      getReport.mockResolvedValue(polled(report));
      buttonLabelled(element, 'Check again').click();
      await flushPromises();
      expect(getReport).toHaveBeenCalledTimes(19);
      expect(text($(element, '.overview-text'))).toBe(report.overview);
    });

    it('stops following the report once the panel leaves the page', async () => {
      getReport.mockResolvedValue(polled(reportRunning));
      const element = await createPanel(ok(reportPending));
      jest.advanceTimersByTime(2000);
      await flushPromises();
      expect(getReport).toHaveBeenCalledTimes(1);

      document.body.removeChild(element);
      jest.advanceTimersByTime(120000);
      await flushPromises();

      expect(getReport).toHaveBeenCalledTimes(1);
      expect(jest.getTimerCount()).toBe(0);
    });

    it('picks the report up again, at once, when the panel comes back to the page', async () => {
      const element = await createPanel(ok(reportPending));
      document.body.removeChild(element);

      getReport.mockResolvedValueOnce(polled(report));
      document.body.appendChild(element);
      await flushPromises();

      expect(getReport).toHaveBeenCalledTimes(1);
      expect(getResearch).toHaveBeenCalledTimes(1);
      expect(text($(element, '.overview-text'))).toBe(report.overview);
    });

    it('drops an answer that arrives after the panel left the page', async () => {
      const answer = deferred();
      getReport.mockReturnValueOnce(answer.promise);
      const element = await createPanel(ok(reportPending));
      jest.advanceTimersByTime(2000);
      await flushPromises();

      document.body.removeChild(element);
      answer.resolve(polled(reportRunning));
      await flushPromises();

      expect(jest.getTimerCount()).toBe(0);
    });

    it('says when checking on it failed, and checks again on request', async () => {
      getReport.mockRejectedValueOnce(apexError(UNREACHABLE));
      const element = await createPanel(ok(reportPending));
      jest.advanceTimersByTime(2000);
      await flushPromises();

      expect(text($(element, '.poll-message'))).toBe(UNREACHABLE);
      expect(jest.getTimerCount()).toBe(0);

      getReport.mockResolvedValueOnce(polled(report));
      buttonLabelled(element, 'Check again').click();
      await flushPromises();
      expect(text($(element, '.overview-text'))).toBe(report.overview);
    });

    it('is accessible', async () => {
      const element = await createPanel(ok(reportRunning));
      // Axe runs on real timers.
      jest.useRealTimers();
      await expect(element).toBeAccessible();
    });
  });

  describe('the register', () => {
    it('lists the candidates of an ambiguous match under the register message', async () => {
      const element = await createPanel(ok(reportAmbiguous));

      const notice = $(element, '.register-notice');
      expect(notice.dataset.status).toBe('ambiguous');
      expect(text(notice.querySelector('.register-message'))).toBe(reportAmbiguous.registerMatch.message);
      const candidates = $$(element, '.candidate');
      expect(candidates).toHaveLength(2);
      const [first, second] = candidates;
      expect(text(first.querySelector('.candidate-name'))).toBe('NORTHWIND LOGISTICS LTD');
      expect(text(first.querySelector('.candidate-number'))).toBe('Company number 08123456');
      expect(text(first.querySelector('.candidate-status'))).toBe('Status: active');
      expect(first.querySelector('.candidate-incorporated-on').value).toBe('2012-06-14');
      expect(text(first.querySelector('.candidate-address'))).toBe('4 Dock Road, Felixstowe, IP11 3QW');
      expect(text(first.querySelector('.candidate-confidence'))).toBe('95% likely');
      expect(text(first.querySelector('.candidate-evidence'))).toBe('Why: same name, same postcode');
      expect(text(first.querySelector('button.choose'))).toBe('This is the company: NORTHWIND LOGISTICS LTD');
      // A candidate without an address or date shows neither.
      expect(second.querySelector('.candidate-address')).toBeNull();
      expect(second.querySelector('.candidate-incorporated')).toBeNull();
      expect(text(second.querySelector('.candidate-status'))).toBe('Status: dissolved');
    });

    it('saves the candidate chosen and follows the new research', async () => {
      const element = await createPanel(ok(reportAmbiguous));
      const answer = deferred();
      chooseRegisterEntry.mockReturnValueOnce(answer.promise);

      $$(element, 'button.choose')[1].click();
      await flushPromises();
      expect(chooseRegisterEntry).toHaveBeenCalledWith({ recordId: RECORD_ID, companyNumber: 'SC412345' });
      expect($$(element, 'button.choose').every((button) => button.disabled)).toBe(true);
      expect(text($$(element, 'button.choose')[1])).toContain('Saving');
      expect($(element, 'lightning-spinner').alternativeText).toBe('Saving your choice');

      answer.resolve(ok(reportPending));
      await flushPromises();
      expect($(element, '.candidates')).toBeNull();
      expect(text($(element, '.progress'))).toContain('Research is queued');
      expect(element.shadowRoot.activeElement).toBe($(element, '.research-heading'));

      getReport.mockResolvedValueOnce(polled(report));
      jest.advanceTimersByTime(2000);
      await flushPromises();
      expect(text($(element, '.register-settled'))).toBe('Companies House company number 08123456');
    });

    it('keeps the candidates and says why when saving the choice fails', async () => {
      const element = await createPanel(ok(reportAmbiguous));
      chooseRegisterEntry.mockRejectedValueOnce(apexError('Choose one of the companies listed.'));

      $(element, 'button.choose').click();
      await flushPromises();

      expect(text($(element, '.choose-error'))).toBe('Choose one of the companies listed.');
      expect($(element, '.choose-error').getAttribute('role')).toBe('alert');
      expect($$(element, '.candidate')).toHaveLength(2);
      expect($(element, 'button.choose').disabled).toBe(false);
    });

    it('shows the message of a register that could not be read, and the parts left out', async () => {
      const element = await createPanel(ok(reportUnavailable));

      expect(text($(element, '.register-message'))).toBe(reportUnavailable.registerMatch.message);
      expect(text($(element, '.missing'))).toBe('Not available right now: officers, filing history.');
      expect($(element, '.candidates')).toBeNull();
      // The rest of the report is still there.
      expect($$(element, '.fact')).toHaveLength(6);
    });

    it('shows the message of a service without a register (not_configured)', async () => {
      const match = {
        ...report.registerMatch,
        status: 'not_configured',
        companyNumber: null,
        confidence: null,
        candidates: [],
        message: 'The public register is not set up on this service.',
      };
      const element = await createPanel(ok({ ...report, registerMatch: match }));

      expect($(element, '.register-notice').dataset.status).toBe('not_configured');
      expect(text($(element, '.register-message'))).toBe(match.message);
      expect($(element, '.register-settled')).toBeNull();
    });

    it('is accessible with candidates to choose from', async () => {
      const element = await createPanel(ok(reportAmbiguous));
      // Axe runs on real timers.
      jest.useRealTimers();
      await expect(element).toBeAccessible();
    });
  });

  describe('refresh', () => {
    it('researches again and shows the new report as it is written', async () => {
      const element = await createPanel(ok(report));
      const answer = deferred();
      getResearch.mockReturnValueOnce(answer.promise);

      $(element, 'lightning-button.refresh').click();
      await flushPromises();
      expect(getResearch).toHaveBeenLastCalledWith({ recordId: RECORD_ID, refresh: true });
      expect($(element, 'lightning-button.refresh').disabled).toBe(true);
      expect($(element, 'lightning-spinner').alternativeText).toBe('Researching again');
      // The report stays readable while the new one is asked for.
      expect(text($(element, '.overview-text'))).toBe(report.overview);

      answer.resolve(ok(reportPending));
      await flushPromises();
      expect($(element, '.progress')).not.toBeNull();
      expect($(element, 'lightning-spinner')).toBeNull();
    });

    it('keeps the report on screen and says so when researching again fails', async () => {
      const element = await createPanel(ok(report));
      getResearch.mockRejectedValueOnce(apexError('The SDR service is busy. Try again in a moment.'));

      $(element, 'lightning-button.refresh').click();
      await flushPromises();

      expect(text($(element, '.action-error'))).toBe('The SDR service is busy. Try again in a moment.');
      expect(text($(element, '.overview-text'))).toBe(report.overview);
      expect($(element, 'lightning-button.refresh').disabled).toBe(false);
    });
  });

  describe('a failed report', () => {
    it('says why, and tries again with a fresh research', async () => {
      const element = await createPanel(ok(reportFailed));

      const alert = $(element, '.research-failed');
      expect(alert.getAttribute('role')).toBe('alert');
      expect(text(alert.querySelector('.failed-message'))).toBe(reportFailed.error);
      expect($(element, '.overview')).toBeNull();

      getResearch.mockResolvedValueOnce(ok(report));
      buttonLabelled(element, 'Try again').click();
      await flushPromises();
      expect(getResearch).toHaveBeenLastCalledWith({ recordId: RECORD_ID, refresh: true });
      expect(text($(element, '.overview-text'))).toBe(report.overview);
    });

    it('is accessible', async () => {
      const element = await createPanel(ok(reportFailed));
      // Axe runs on real timers.
      jest.useRealTimers();
      await expect(element).toBeAccessible();
    });
  });

  describe('nothing to research', () => {
    it('says a record the service does not have yet is not synced, and checks again', async () => {
      const element = await createPanel(NOT_SYNCED);

      expect(text($deep(element, '.empty-message'))).toBe(
        'This record is not in the SDR service yet. It syncs within a few minutes.',
      );
      expect($(element, 'lightning-button.refresh')).toBeNull();

      getResearch.mockResolvedValueOnce(ok(report));
      buttonLabelled(element, 'Check again').click();
      await flushPromises();
      expect(getResearch).toHaveBeenCalledTimes(2);
      expect(getResearch).toHaveBeenLastCalledWith({ recordId: RECORD_ID, refresh: false });
      expect(text($(element, '.overview-text'))).toBe(report.overview);
    });

    it('says a record without a company has nothing to research', async () => {
      const element = await createPanel(NO_COMPANY);

      expect(text($deep(element, '.no-company-message'))).toBe(
        'This record has no company to research. Link it to its account, then check again.',
      );
      expect(buttonLabelled(element, 'Check again')).toBeDefined();
    });

    it('is accessible', async () => {
      const element = await createPanel(NO_COMPANY);
      // Axe runs on real timers.
      jest.useRealTimers();
      await expect(element).toBeAccessible();
    });

    it('asks nothing and explains itself without a record', async () => {
      const element = await createPanel(undefined, null);

      expect(getResearch).not.toHaveBeenCalled();
      expect(text($(element, '.no-record'))).toContain('Add this panel to a Lead, Contact, Account or Opportunity');
    });
  });

  describe('loading and errors', () => {
    it('shows a spinner until the research arrives', async () => {
      getResearch.mockReturnValueOnce(new Promise(() => {}));
      const element = await createPanel();

      expect($deep(element, 'lightning-spinner').alternativeText).toBe('Loading company research');
    });

    it("shows the controller's message with a retry that asks again", async () => {
      getResearch.mockRejectedValueOnce(apexError(UNREACHABLE));
      const element = await createPanel();

      expect(deepText(element)).toContain(UNREACHABLE);
      expect($deep(element, '[role="alert"]')).not.toBeNull();

      getResearch.mockResolvedValueOnce(ok(report));
      buttonLabelled(element, 'Try again').click();
      await flushPromises();
      expect(getResearch).toHaveBeenCalledTimes(2);
      expect(text($(element, '.overview-text'))).toBe(report.overview);
    });

    it('shows its own sentence for an answer it cannot read', async () => {
      const element = await createPanel('<html>Service Unavailable</html>');

      expect(deepText(element)).toContain(
        'The SDR service sent research this panel cannot read. Try again in a minute.',
      );
    });

    it('shows its own sentence for a report of another shape', async () => {
      const element = await createPanel(ok({ id: report.id, status: 'done' }));

      expect(deepText(element)).toContain('The SDR service sent research this panel cannot read.');
    });

    it('is accessible', async () => {
      getResearch.mockRejectedValueOnce(apexError(UNREACHABLE));
      const element = await createPanel();
      // Axe runs on real timers.
      jest.useRealTimers();
      await expect(element).toBeAccessible();
    });
  });
});
