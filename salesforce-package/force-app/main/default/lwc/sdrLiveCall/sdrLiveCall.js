import { api } from 'lwc';
import { subscribe, unsubscribe } from 'lightning/empApi';
import getLiveCall from '@salesforce/apex/SdrLiveCallController.getLiveCall';
import getEvents from '@salesforce/apex/SdrLiveCallController.getEvents';
import getCall from '@salesforce/apex/SdrLiveCallController.getCall';
import SdrPanel from 'c/sdrPanel';
import {
  LOAD_FAILED,
  lineView,
  mergeSegments,
  mergeSuggestions,
  parseCall,
  parseEvents,
  parseLiveCall,
  suggestionView,
  summaryView,
  talkView,
} from './liveCallView';

const CALL_EVENT_CHANNEL = '/event/SDR_Call_Event__e';
// -1: only events published from now on. A replay would bring back starts and ends of calls long over.
const REPLAY_NEW_EVENTS = -1;
// The long-poll already waits on the server; the gap only keeps a proxy that answers at once from making a hot loop.
const POLL_GAP_MS = 500;
const BACKOFF_START_MS = 2000;
const BACKOFF_MAX_MS = 30000;
// Within this many pixels of the bottom the rep is still "at the newest line" (sub-pixel rounding, a stray flick).
const SCROLL_SLACK_PX = 24;

export default class SdrLiveCall extends SdrPanel {
  @api recordId;

  // Besides the states of c/sdrPanel, state is 'no_call', 'live' or 'ended'.
  loadFailedMessage = LOAD_FAILED;
  segments = [];
  suggestionList = [];
  metrics;
  endedView;
  isSummaryLoading = false;
  connectionNote;
  userScrolledUp = false;

  callId;
  cursor;
  retryAction = 'load';
  isOnScreen = false;
  // Bumped whenever live data stops or restarts, so answers to an earlier call or a removed component are dropped.
  session = 0;
  source;
  pollTimer;
  backoffMs = BACKOFF_START_MS;
  pendingScroll = false;
  subscription;
  pendingSubscription;

  connectedCallback() {
    this.isOnScreen = true;
    if (!this.recordId) {
      return;
    }
    this.subscribeToCallEvents();
    this.load();
  }

  disconnectedCallback() {
    this.isOnScreen = false;
    this.stopLiveData();
    // Every event on the channel is delivered to, and counted against the org's daily allocation for, each open
    // subscriber; a page no one is looking at must not keep costing deliveries.
    this.unsubscribeFromCallEvents();
  }

  renderedCallback() {
    if (!this.pendingScroll) {
      return;
    }
    this.pendingScroll = false;
    if (!this.userScrolledUp) {
      this.scrollToLatest();
    }
  }

  // ---- call start and end, from the Platform Event ----

  subscribeToCallEvents() {
    const pending = subscribe(CALL_EVENT_CHANNEL, REPLAY_NEW_EVENTS, (message) => this.handleCallEvent(message));
    this.pendingSubscription = pending;
    Promise.resolve(pending)
      .then((subscription) => {
        if (this.pendingSubscription !== pending || !this.isOnScreen) {
          // Removed while subscribing: drop the subscription at once rather than leave it delivering.
          this.release(subscription);
          return;
        }
        this.subscription = subscription;
      })
      .catch(() => {
        // Without the event a call that starts later shows after a reload; the panel works otherwise.
      });
  }

  unsubscribeFromCallEvents() {
    this.pendingSubscription = undefined;
    if (this.subscription) {
      this.release(this.subscription);
      this.subscription = undefined;
    }
  }

  release(subscription) {
    if (!subscription) {
      return;
    }
    Promise.resolve(unsubscribe(subscription, () => {})).catch(() => {
      // The connection is gone already, and with it the subscription.
    });
  }

  handleCallEvent(message) {
    const payload = message && message.data && message.data.payload;
    if (!payload || !isSameRecord(payload.Record_Id__c, this.recordId) || !this.isOnScreen) {
      return;
    }
    const callId = typeof payload.Call_Id__c === 'string' ? payload.Call_Id__c : undefined;
    if (payload.Event_Type__c === 'started') {
      if (this.state !== 'live' || this.callId !== callId) {
        this.load();
      }
    } else if (payload.Event_Type__c === 'ended') {
      // Another call on this record ending does not end the one on screen.
      const showingOther = this.state === 'live' && callId && this.callId !== callId;
      const endedId = callId || this.callId;
      if (endedId && !showingOther) {
        this.finish(endedId, { drain: true });
      }
    }
  }

  // ---- the live call ----

  async load() {
    const session = this.restartSession();
    this.state = 'loading';
    this.retryAction = 'load';
    try {
      const response = parseLiveCall(await getLiveCall({ recordId: this.recordId }));
      if (session !== this.session) {
        return;
      }
      if (response.status === 'live') {
        this.startLive(response.call, response.token, session);
      } else {
        this.state = response.status;
      }
    } catch (error) {
      if (session === this.session) {
        this.showError(error);
      }
    }
  }

  startLive(call, token, session) {
    if (this.callId !== call.id) {
      this.segments = [];
      this.suggestionList = [];
      this.cursor = undefined;
      this.userScrolledUp = false;
    }
    this.callId = call.id;
    this.metrics = call.metrics;
    this.endedView = undefined;
    this.connectionNote = undefined;
    this.backoffMs = BACKOFF_START_MS;
    this.state = 'live';
    this.openStream(token, session);
  }

  openStream(token, session) {
    const url = token && token.streamUrl;
    const EventSourceClass = typeof window !== 'undefined' ? window.EventSource : undefined;
    // A relative URL would point at Salesforce, not the service; the CSP Trusted Site allows only https.
    if (typeof EventSourceClass !== 'function' || typeof url !== 'string' || !url.startsWith('https://')) {
      this.poll(session);
      return;
    }
    let source;
    try {
      source = new EventSourceClass(url);
    } catch {
      this.poll(session);
      return;
    }
    this.source = source;
    source.addEventListener('events', (event) => {
      if (session !== this.session) {
        return;
      }
      let page;
      try {
        page = parseEvents(event.data);
      } catch {
        // One unreadable event should not end the transcript; the next one carries the cursor on.
        return;
      }
      this.applyPage(page);
    });
    source.addEventListener('error', () => {
      if (session !== this.session || this.source !== source) {
        return;
      }
      // Blocked by CSP, refused token, a proxy that buffers streams: the long-poll goes through Apex instead, from
      // the last cursor, so nothing is missed. EventSource would retry with the same, soon expired, token.
      source.close();
      this.source = undefined;
      this.poll(session);
    });
  }

  async poll(session) {
    this.pollTimer = undefined;
    if (session !== this.session) {
      return;
    }
    let page;
    try {
      page = parseEvents(await getEvents({ callId: this.callId, cursor: this.cursor || null }));
    } catch {
      if (session !== this.session) {
        return;
      }
      this.connectionNote = 'Connection to the SDR service lost. Reconnecting…';
      this.schedulePoll(session, this.backoffMs);
      this.backoffMs = Math.min(this.backoffMs * 2, BACKOFF_MAX_MS);
      return;
    }
    if (session !== this.session) {
      return;
    }
    this.connectionNote = undefined;
    this.backoffMs = BACKOFF_START_MS;
    if (!this.applyPage(page)) {
      this.schedulePoll(session, POLL_GAP_MS);
    }
  }

  schedulePoll(session, delay) {
    // A timer rather than a loop so the poll can be cancelled when the component goes away.
    // eslint-disable-next-line @lwc/lwc/no-async-operation
    this.pollTimer = setTimeout(() => this.poll(session), delay);
  }

  /** Adds a page of events; true when the call is over and live data has stopped. */
  applyPage(page) {
    this.mergePage(page);
    const nothingNew = page.segments.length === 0 && page.suggestions.length === 0;
    if (page.callStatus === 'ended' && (page.summary || nothingNew)) {
      this.finish(page.callId || this.callId);
      return true;
    }
    return false;
  }

  mergePage(page) {
    this.cursor = page.cursor;
    if (page.segments.length > 0) {
      this.segments = mergeSegments(this.segments, page.segments);
      this.pendingScroll = true;
    }
    if (page.suggestions.length > 0) {
      this.suggestionList = mergeSuggestions(this.suggestionList, page.suggestions);
    }
    if (page.metrics) {
      this.metrics = page.metrics;
    }
  }

  stopLiveData() {
    this.session += 1;
    if (this.source) {
      this.source.close();
      this.source = undefined;
    }
    if (this.pollTimer) {
      clearTimeout(this.pollTimer);
      this.pollTimer = undefined;
    }
  }

  restartSession() {
    this.stopLiveData();
    return this.session;
  }

  // ---- after the call ----

  async finish(callId, { drain = false } = {}) {
    const session = this.restartSession();
    // The end told by Platform Event can overtake the last lines on the stream: one last read of the same call picks
    // them up (the backend answers at once for an ended call). An end read from the events themselves needs none.
    const draining = drain && this.state === 'live' && callId === this.callId && this.cursor !== undefined;
    this.callId = callId;
    this.state = 'ended';
    if (draining) {
      try {
        const page = parseEvents(await getEvents({ callId, cursor: this.cursor || null }));
        if (session !== this.session) {
          return;
        }
        this.mergePage(page);
      } catch {
        // The transcript keeps what it has; the summary below still comes.
      }
    }
    this.retryAction = 'summary';
    this.connectionNote = undefined;
    this.isSummaryLoading = true;
    try {
      const call = parseCall(await getCall({ callId }));
      if (session !== this.session) {
        return;
      }
      this.endedView = summaryView(call);
      if (call.metrics) {
        this.metrics = call.metrics;
      }
      this.isSummaryLoading = false;
    } catch (error) {
      if (session === this.session) {
        this.isSummaryLoading = false;
        this.showError(error);
      }
    }
  }

  // ---- what the template reads ----

  get isNoCall() {
    return this.hasRecord && this.state === 'no_call';
  }

  get isLive() {
    return this.hasRecord && this.state === 'live';
  }

  get isEnded() {
    return this.hasRecord && this.state === 'ended';
  }

  get hasCall() {
    return this.isLive || this.isEnded;
  }

  get lines() {
    return this.segments.map(lineView);
  }

  get hasLines() {
    return this.segments.length > 0;
  }

  get suggestions() {
    return this.suggestionList.map(suggestionView);
  }

  get hasSuggestions() {
    return this.suggestionList.length > 0;
  }

  get talk() {
    return talkView(this.metrics ? this.metrics.repTalkRatio : null);
  }

  get hasSummary() {
    return !!this.endedView && this.endedView.text !== '';
  }

  get isSummaryPending() {
    return !this.isSummaryLoading && !!this.endedView && this.endedView.text === '';
  }

  get showJumpToLatest() {
    return this.isLive && this.userScrolledUp && this.hasLines;
  }

  // ---- what the rep does ----

  handleRetry() {
    if (this.retryAction === 'summary' && this.callId) {
      this.finish(this.callId);
    } else {
      this.load();
    }
  }

  handleCheckSummary() {
    this.finish(this.callId);
  }

  handleTranscriptScroll(event) {
    const box = event.currentTarget;
    const distance = box.scrollHeight - box.scrollTop - box.clientHeight;
    this.userScrolledUp = distance > SCROLL_SLACK_PX;
  }

  handleJumpToLatest() {
    this.userScrolledUp = false;
    this.scrollToLatest();
  }

  scrollToLatest() {
    const box = this.template.querySelector('.transcript');
    if (box) {
      box.scrollTop = box.scrollHeight;
    }
  }
}

// Salesforce ids are unique in their first 15 characters; the last 3 only encode case, so either form matches.
function isSameRecord(eventRecordId, recordId) {
  return (
    typeof eventRecordId === 'string' &&
    typeof recordId === 'string' &&
    eventRecordId.length >= 15 &&
    recordId.length >= 15 &&
    eventRecordId.slice(0, 15) === recordId.slice(0, 15)
  );
}
