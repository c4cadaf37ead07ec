import { api } from 'lwc';
import getResearch from '@salesforce/apex/SdrResearchController.getResearch';
import getReport from '@salesforce/apex/SdrResearchController.getReport';
import chooseRegisterEntry from '@salesforce/apex/SdrResearchController.chooseRegisterEntry';
import SdrPanel from 'c/sdrPanel';
import { reduceErrors } from 'c/sdrErrors';
import {
  CHOOSE_FAILED,
  LOAD_FAILED,
  POLL_FAILED,
  REFRESH_FAILED,
  isInProgress,
  parseResponse,
  toView,
} from './researchView';

// Research takes seconds to a minute: ask often at first, then less, and give up after two minutes rather than
// calling the service for as long as the page stays open.
const FAST_POLLS = 5;
const FAST_POLL_MS = 2000;
const MEDIUM_POLLS = 4;
const MEDIUM_POLL_MS = 5000;
const SLOW_POLL_MS = 10000;
export const POLL_LIMIT_MS = 120000;
const TIMED_OUT = 'This is taking longer than usual. Check again in a minute.';

function pollDelay(attempt) {
  if (attempt < FAST_POLLS) {
    return FAST_POLL_MS;
  }
  return attempt < FAST_POLLS + MEDIUM_POLLS ? MEDIUM_POLL_MS : SLOW_POLL_MS;
}

// Outside the component's fields: a field set while rendering would ask for another render.
const viewCache = new WeakMap();

export default class SdrResearch extends SdrPanel {
  @api recordId;

  // Besides the states of c/sdrPanel, state is 'no_company' or 'report' (any status; the view tells them apart).
  loadFailedMessage = LOAD_FAILED;
  report;
  company;
  isRefreshing = false;
  choosingNumber;
  actionError;
  chooseError;
  pollMessage;

  // Every request bumps this; an answer to an older one (or one that arrives after the panel left the page) is dropped.
  sequence = 0;
  loadedFor;
  pollTimer;
  pollAttempt = 0;
  pollElapsed = 0;
  focusAfterRender;

  connectedCallback() {
    if (isInProgress(this.report)) {
      // Back on the page (a tab switched back, say): pick the report up again where it was left.
      this.pollNow();
    } else {
      this.loadIfNeeded();
    }
  }

  disconnectedCallback() {
    this.sequence += 1;
    this.stopPolling();
    if (this.state === 'loading') {
      // The answer on its way is dropped, so coming back has to ask again.
      this.loadedFor = undefined;
    }
  }

  renderedCallback() {
    // The record can change while the panel stays on the page (a console tab reused for another record).
    this.loadIfNeeded();
    if (this.focusAfterRender) {
      const target = this.template.querySelector(this.focusAfterRender);
      this.focusAfterRender = undefined;
      if (target) {
        target.focus();
        if (typeof target.scrollIntoView === 'function') {
          target.scrollIntoView({ block: 'nearest' });
        }
      }
    }
  }

  loadIfNeeded() {
    if (this.recordId && this.recordId !== this.loadedFor) {
      this.loadedFor = this.recordId;
      this.state = 'loading';
      this.report = undefined;
      this.company = undefined;
      this.load(false);
    }
  }

  // States -------------------------------------------------------------------------------------------------------

  get view() {
    if (!this.report) {
      return undefined;
    }
    // The template reads the view dozens of times a render; it changes with the report, and its age by the minute.
    const minute = Math.floor(Date.now() / 60000);
    let cached = viewCache.get(this);
    if (!cached || cached.report !== this.report || cached.company !== this.company || cached.minute !== minute) {
      cached = {
        report: this.report,
        company: this.company,
        minute,
        view: toView(this.report, this.company, Date.now()),
      };
      viewCache.set(this, cached);
    }
    return cached.view;
  }

  get hasReport() {
    return this.hasRecord && this.state === 'report' && !!this.report;
  }

  get isNoCompany() {
    return this.hasRecord && this.state === 'no_company';
  }

  get isBusy() {
    return this.isRefreshing || !!this.choosingNumber;
  }

  get busyText() {
    return this.choosingNumber ? 'Saving your choice' : 'Researching again';
  }

  get canRefresh() {
    return this.hasReport && !isInProgress(this.report);
  }

  get candidates() {
    const view = this.view;
    const candidates = view && view.register ? view.register.candidates : [];
    return candidates.map((candidate) => ({
      ...candidate,
      isChoosing: candidate.companyNumber === this.choosingNumber,
      chooseLabel: candidate.companyNumber === this.choosingNumber ? 'Saving\u2026' : 'This is the company',
    }));
  }

  // Loading and refreshing ---------------------------------------------------------------------------------------

  async load(refresh) {
    this.sequence += 1;
    const sequence = this.sequence;
    this.stopPolling();
    let response;
    try {
      response = parseResponse(await getResearch({ recordId: this.recordId, refresh }));
    } catch (error) {
      if (sequence === this.sequence) {
        this.showError(error);
      }
      return;
    }
    if (sequence === this.sequence) {
      this.apply(response);
    }
  }

  apply(response) {
    this.errorMessage = undefined;
    this.actionError = undefined;
    this.chooseError = undefined;
    this.pollMessage = undefined;
    if (response.status !== 'ok') {
      this.report = undefined;
      this.state = response.status;
      return;
    }
    this.report = response.report;
    this.company = response.company || this.company;
    this.state = 'report';
    if (isInProgress(this.report)) {
      this.startPolling();
    }
  }

  handleRetry() {
    if (this.isBusy) {
      return;
    }
    this.state = 'loading';
    this.load(false);
  }

  async handleRefresh() {
    if (this.isBusy) {
      return;
    }
    this.isRefreshing = true;
    this.actionError = undefined;
    this.sequence += 1;
    const sequence = this.sequence;
    this.stopPolling();
    try {
      const response = parseResponse(await getResearch({ recordId: this.recordId, refresh: true }));
      if (sequence === this.sequence) {
        this.apply(response);
      }
    } catch (error) {
      if (sequence === this.sequence) {
        // The report on screen stays; only the attempt to replace it failed.
        this.actionError = reduceErrors(error, REFRESH_FAILED);
      }
    } finally {
      this.isRefreshing = false;
    }
  }

  // Following a report that is being written ----------------------------------------------------------------------

  startPolling() {
    this.stopPolling();
    this.pollAttempt = 0;
    this.pollElapsed = 0;
    this.pollMessage = undefined;
    this.scheduleNextPoll();
  }

  stopPolling() {
    clearTimeout(this.pollTimer);
    this.pollTimer = undefined;
  }

  scheduleNextPoll() {
    if (this.pollElapsed >= POLL_LIMIT_MS) {
      this.pollMessage = TIMED_OUT;
      return;
    }
    const delay = pollDelay(this.pollAttempt);
    this.pollAttempt += 1;
    this.pollElapsed += delay;
    const sequence = this.sequence;
    // LWC's own rule discourages timers, but waiting between questions to the service is what one is for.
    // eslint-disable-next-line @lwc/lwc/no-async-operation
    this.pollTimer = setTimeout(() => this.poll(sequence), delay);
  }

  async poll(sequence) {
    this.pollTimer = undefined;
    let response;
    try {
      response = parseResponse(await getReport({ reportId: this.report.id }));
    } catch (error) {
      if (sequence === this.sequence) {
        this.pollMessage = reduceErrors(error, POLL_FAILED);
      }
      return;
    }
    if (sequence !== this.sequence || response.status !== 'ok') {
      return;
    }
    this.report = response.report;
    if (isInProgress(this.report)) {
      this.scheduleNextPoll();
    }
  }

  /** Asks at once, with a fresh two minutes of following after it. */
  pollNow() {
    this.sequence += 1;
    this.stopPolling();
    this.pollAttempt = 0;
    this.pollElapsed = 0;
    this.pollMessage = undefined;
    this.poll(this.sequence);
  }

  handleCheckAgain() {
    this.pollNow();
  }

  // The register entry --------------------------------------------------------------------------------------------

  async handleChoose(event) {
    const companyNumber = event.currentTarget.dataset.number;
    if (this.isBusy || !companyNumber) {
      return;
    }
    this.choosingNumber = companyNumber;
    this.chooseError = undefined;
    this.sequence += 1;
    const sequence = this.sequence;
    this.stopPolling();
    try {
      const response = parseResponse(await chooseRegisterEntry({ recordId: this.recordId, companyNumber }));
      if (sequence === this.sequence) {
        this.apply(response);
        // The list the rep chose from is gone; the progress of the new research takes its place.
        this.focusAfterRender = '.research-heading';
      }
    } catch (error) {
      if (sequence === this.sequence) {
        this.chooseError = reduceErrors(error, CHOOSE_FAILED);
      }
    } finally {
      this.choosingNumber = undefined;
    }
  }

  // Citations -----------------------------------------------------------------------------------------------------

  handleCitation(event) {
    const factId = event.currentTarget.dataset.factId;
    const fact = Array.from(this.template.querySelectorAll('.fact')).find((node) => node.dataset.factId === factId);
    if (fact) {
      fact.focus();
      if (typeof fact.scrollIntoView === 'function') {
        fact.scrollIntoView({ block: 'nearest' });
      }
    }
  }
}
