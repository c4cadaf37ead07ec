import { LightningElement } from 'lwc';
import { NavigationMixin } from 'lightning/navigation';
import getMyQueue from '@salesforce/apex/SdrLeadQueueController.getMyQueue';
import { reduceErrors } from 'c/sdrErrors';
import {
  ALL,
  LOAD_FAILED,
  STATUS_OPTIONS,
  TIER_OPTIONS,
  objectApiNameOf,
  parseResponse,
  recordPage,
  toRows,
} from './queueView';

// New leads are routed at any moment and the first-touch clock starts at once, so the list is re-read every minute.
const POLL_MS = 60 * 1000;
// Countdowns are in minutes; half a minute keeps them right without a callout.
const TICK_MS = 30 * 1000;

export default class SdrLeadQueue extends NavigationMixin(LightningElement) {
  tierOptions = TIER_OPTIONS;
  statusOptions = STATUS_OPTIONS;
  tier = ALL;
  status = ALL;

  /** 'loading' | 'ok' | 'not_on_roster' | 'error' */
  state = 'loading';
  queue;
  errorMessage;
  // A failed refresh of a list already on screen: the list stays, with this message above it.
  refreshError;
  isFetching = false;
  now = Date.now();
  recordUrls = {};

  pollTimer;
  tickTimer;
  // Only the answer to the latest request is shown, so a slow poll cannot overwrite the result of a newer filter.
  requestNumber = 0;

  connectedCallback() {
    this.load('initial');
    // The platform has no push for this data; a timer is the way to keep a home page current.
    // eslint-disable-next-line @lwc/lwc/no-async-operation
    this.pollTimer = setInterval(() => this.poll(), POLL_MS);
    // eslint-disable-next-line @lwc/lwc/no-async-operation
    this.tickTimer = setInterval(() => {
      this.now = Date.now();
    }, TICK_MS);
  }

  disconnectedCallback() {
    clearInterval(this.pollTimer);
    clearInterval(this.tickTimer);
    this.pollTimer = undefined;
    this.tickTimer = undefined;
    // An answer arriving after the component left the page has nowhere to go.
    this.requestNumber += 1;
  }

  // Not a c/sdrPanel: the queue is the user's, not a record's, so none of its states wait on a recordId.
  get isLoading() {
    return this.state === 'loading';
  }

  get isNotOnRoster() {
    return this.state === 'not_on_roster';
  }

  get isError() {
    return this.state === 'error';
  }

  get isEmpty() {
    return this.state === 'ok' && this.queue.data.length === 0;
  }

  get showFilters() {
    return this.state !== 'not_on_roster';
  }

  get showBusy() {
    return this.isFetching && this.state !== 'loading';
  }

  get hasFilters() {
    return this.tier !== ALL || this.status !== ALL;
  }

  get emptyMessage() {
    return this.hasFilters
      ? 'No leads match these filters.'
      : 'Nothing waiting. New leads appear here as they are routed to you.';
  }

  get countText() {
    const count = this.queue.data.length;
    return `${count} ${count === 1 ? 'lead' : 'leads'}, highest priority first`;
  }

  get rows() {
    return this.state === 'ok' ? toRows(this.queue, this.now, this.recordUrls) : [];
  }

  poll() {
    // A request still running answers soon enough; stacking another behind it only adds load.
    if (!this.isFetching) {
      this.load('poll');
    }
  }

  async load(reason) {
    this.requestNumber += 1;
    const request = this.requestNumber;
    this.isFetching = true;
    let response;
    try {
      response = parseResponse(await getMyQueue(this.filters()));
    } catch (error) {
      if (request === this.requestNumber) {
        this.isFetching = false;
        this.fail(error, reason);
      }
      return;
    }
    if (request === this.requestNumber) {
      this.isFetching = false;
      this.show(response);
    }
  }

  filters() {
    return {
      tier: this.tier === ALL ? null : this.tier,
      status: this.status === ALL ? null : this.status,
    };
  }

  show(response) {
    this.errorMessage = undefined;
    this.refreshError = undefined;
    this.now = Date.now();
    if (response.status === 'not_on_roster') {
      this.queue = undefined;
      this.state = 'not_on_roster';
      return;
    }
    this.queue = response.queue;
    this.state = 'ok';
    this.generateUrls(response.queue);
  }

  fail(error, reason) {
    const message = reduceErrors(error, LOAD_FAILED);
    // The list on screen is still the rep's queue for the same filters, and more use than an error in its place.
    const keepList = this.state === 'ok' && (reason === 'poll' || reason === 'refresh');
    if (keepList) {
      this.refreshError = message;
      return;
    }
    this.queue = undefined;
    this.refreshError = undefined;
    this.errorMessage = message;
    this.state = 'error';
  }

  // Real hrefs let a rep open a lead in a new tab and give keyboard users a link to tab to.
  async generateUrls(queue) {
    const leads = queue.data.map((item) => item.lead).filter((lead) => !(lead.crmId in this.recordUrls));
    if (leads.length === 0) {
      return;
    }
    let urls;
    try {
      urls = await Promise.all(
        leads.map((lead) => this[NavigationMixin.GenerateUrl](recordPage(lead.crmId, objectApiNameOf(lead.crmType)))),
      );
    } catch {
      // Without an href the name still navigates on click, and the row's Open button stays.
      return;
    }
    const next = { ...this.recordUrls };
    leads.forEach((lead, index) => {
      next[lead.crmId] = urls[index];
    });
    this.recordUrls = next;
  }

  handleTierChange(event) {
    this.tier = event.detail.value;
    this.load('filter');
  }

  handleStatusChange(event) {
    this.status = event.detail.value;
    this.load('filter');
  }

  handleRefresh() {
    if (!this.isFetching) {
      this.load('refresh');
    }
  }

  handleRetry() {
    if (!this.isFetching) {
      this.load('retry');
    }
  }

  handleNameClick(event) {
    // Modified clicks keep the browser's meaning (new tab, new window) through the generated href.
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    event.preventDefault();
    this.openRecord(event.currentTarget.dataset.key);
  }

  handleOpen(event) {
    this.openRecord(event.currentTarget.dataset.key);
  }

  handleLogCall(event) {
    // No page reference opens a standard quick action from a Home or app page on desktop (standard__quickAction
    // is documented only for the mobile app and for LWC actions), so this opens the record, where Log a Call sits
    // in the activity composer and the call is logged in Salesforce itself.
    this.openRecord(event.currentTarget.dataset.key);
  }

  openRecord(key) {
    const item = this.state === 'ok' ? this.queue.data.find((entry) => entry.lead.id === key) : undefined;
    if (item) {
      this[NavigationMixin.Navigate](recordPage(item.lead.crmId, objectApiNameOf(item.lead.crmType)));
    }
  }
}
