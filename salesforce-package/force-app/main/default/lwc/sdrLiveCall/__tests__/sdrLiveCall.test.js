import { createElement } from 'lwc';
import SdrLiveCall from 'c/sdrLiveCall';
import getLiveCall from '@salesforce/apex/SdrLiveCallController.getLiveCall';
import getEvents from '@salesforce/apex/SdrLiveCallController.getEvents';
import getCall from '@salesforce/apex/SdrLiveCallController.getCall';
import { empApiMock, subscribe, unsubscribe } from 'lightning/empApi';
import liveCall from './data/liveCall.json';
import endedCall from './data/call.json';
import examplePage from './data/callEvents.json';
import interimPage from './data/callEventsInterim.json';
import competitorPage from './data/callEventsCompetitor.json';
import endedPage from './data/callEventsEnded.json';
import { $deep, $$deep, deepText } from '../../../../../test/panelState';

jest.mock('@salesforce/apex/SdrLiveCallController.getLiveCall', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/SdrLiveCallController.getEvents', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/SdrLiveCallController.getCall', () => ({ default: jest.fn() }), { virtual: true });

const RECORD_ID = '00Q5g00000AbCdEEAZ';
const OTHER_RECORD_ID = '00Q5g00000ZzZzZEAZ';
const CHANNEL = '/event/SDR_Call_Event__e';
const CALL_ID = liveCall.call.id;
const UNREACHABLE = 'The SDR service cannot be reached right now. Try again in a minute.';
const NOT_SYNCED = JSON.stringify({ status: 'not_synced' });
const NO_CALL = JSON.stringify({ status: 'no_call' });
const LIVE = JSON.stringify(liveCall);

/**
 * Stands in for the browser's EventSource, which jsdom lacks. The service sends each page of CallEvents as an SSE
 * event named "events" with the page's cursor as its id (backend/src/api/call-stream.ts); this delivers them so.
 */
class FakeEventSource {
  constructor(url) {
    this.url = url;
    this.readyState = 0;
    this.listeners = {};
    FakeEventSource.instances.push(this);
  }

  addEventListener(type, listener) {
    (this.listeners[type] = this.listeners[type] || []).push(listener);
  }

  removeEventListener(type, listener) {
    this.listeners[type] = (this.listeners[type] || []).filter((entry) => entry !== listener);
  }

  close() {
    this.readyState = 2;
  }

  get isClosed() {
    return this.readyState === 2;
  }

  dispatch(type, event) {
    (this.listeners[type] || []).forEach((listener) => listener(event));
  }

  /** One `event: events` / `id: <cursor>` / `data: <CallEvents>` message. */
  sendPage(page) {
    if (this.isClosed) {
      throw new Error('A closed EventSource receives nothing');
    }
    this.readyState = 1;
    this.dispatch('events', { type: 'events', data: JSON.stringify(page), lastEventId: page.cursor });
  }

  fail() {
    this.dispatch('error', { type: 'error' });
  }
}
FakeEventSource.instances = [];

async function flushPromises() {
  for (let i = 0; i < 6; i += 1) {
    // eslint-disable-next-line no-await-in-loop
    await Promise.resolve();
  }
}

function createPanel(recordId = RECORD_ID) {
  const element = createElement('c-sdr-live-call', { is: SdrLiveCall });
  element.recordId = recordId;
  document.body.appendChild(element);
  return element;
}

async function createLivePanel() {
  getLiveCall.mockResolvedValue(LIVE);
  const element = createPanel();
  await flushPromises();
  return { element, source: FakeEventSource.instances[FakeEventSource.instances.length - 1] };
}

async function send(source, page) {
  source.sendPage(page);
  await flushPromises();
}

function callEvent(type, recordId = RECORD_ID, callId = CALL_ID) {
  return { Call_Id__c: callId, Event_Type__c: type, Record_Id__c: recordId, Payload__c: '{"ownerId":null}' };
}

async function publish(type, recordId, callId) {
  empApiMock.publish(CHANNEL, callEvent(type, recordId, callId));
  await flushPromises();
}

/** jsdom lays nothing out; this gives the transcript a height and a scroll position a test can move. */
function giveLayout(box, { scrollHeight, clientHeight }) {
  let top = 0;
  Object.defineProperty(box, 'scrollHeight', { configurable: true, get: () => scrollHeight });
  Object.defineProperty(box, 'clientHeight', { configurable: true, get: () => clientHeight });
  Object.defineProperty(box, 'scrollTop', {
    configurable: true,
    get: () => top,
    set: (value) => {
      top = value;
    },
  });
  return {
    grow(height) {
      scrollHeight = height;
    },
  };
}

const $ = (element, selector) => element.shadowRoot.querySelector(selector);
const $$ = (element, selector) => Array.from(element.shadowRoot.querySelectorAll(selector));
const text = (node) => node.textContent.replace(/\s+/g, ' ').trim();
// What is on screen, without the words added for screen readers only.
const visibleText = (node) => {
  const copy = node.cloneNode(true);
  copy.querySelectorAll('.slds-assistive-text').forEach((hidden) => hidden.remove());
  return text(copy);
};
const buttonLabelled = (element, label) => $$deep(element, 'lightning-button').find((button) => button.label === label);
const spinnerTexts = (element) => $$deep(element, 'lightning-spinner').map((spinner) => spinner.alternativeText);
const lines = (element) =>
  $$(element, '.line').map((line) => ({
    speaker: visibleText(line.querySelector('.speaker')),
    text: text(line.querySelector('.line-text')),
    interim: line.classList.contains('line_interim'),
  }));

describe('c-sdr-live-call', () => {
  const originalEventSource = window.EventSource;

  beforeEach(() => {
    empApiMock.reset();
    FakeEventSource.instances = [];
    window.EventSource = FakeEventSource;
  });

  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.resetAllMocks();
    jest.useRealTimers();
    window.EventSource = originalEventSource;
  });

  describe('loading', () => {
    it('asks for the live call of its record and shows a spinner meanwhile', async () => {
      getLiveCall.mockReturnValue(new Promise(() => {}));
      const element = createPanel();
      await flushPromises();

      expect(getLiveCall).toHaveBeenCalledWith({ recordId: RECORD_ID });
      expect(spinnerTexts(element)).toEqual(['Loading the live call']);
      await expect(element).toBeAccessible();
    });
  });

  describe('live transcript', () => {
    it('opens the stream at the URL of the call token', async () => {
      const { source } = await createLivePanel();

      expect(FakeEventSource.instances).toHaveLength(1);
      expect(source.url).toBe(liveCall.token.streamUrl);
      expect(getEvents).not.toHaveBeenCalled();
    });

    it('labels each line with its speaker and greys interim lines', async () => {
      const { element, source } = await createLivePanel();
      expect(text($(element, '.no-lines'))).toBe('Listening. The transcript appears here as people speak.');

      await send(source, interimPage);

      expect(lines(element)).toEqual([
        { speaker: 'Rep', text: 'How are you tracking the fleet at the moment?', interim: false },
        { speaker: 'Prospect', text: 'Honestly, Trakwell came in cheaper', interim: true },
      ]);
      expect(text($(element, '.line_interim .interim-note'))).toBe('(still being transcribed)');
    });

    it('replaces an interim line by its final, in the same place', async () => {
      const { element, source } = await createLivePanel();
      await send(source, interimPage);

      await send(source, examplePage);

      expect(lines(element)).toEqual([
        { speaker: 'Rep', text: 'How are you tracking the fleet at the moment?', interim: false },
        { speaker: 'Prospect', text: examplePage.segments[0].text, interim: false },
      ]);
      expect($$(element, '[data-segment-id="seg-000142"]')).toHaveLength(1);
    });

    it('is accessible with lines and suggestions on screen', async () => {
      const { element, source } = await createLivePanel();
      await send(source, interimPage);
      await send(source, examplePage);

      await expect(element).toBeAccessible();
    });
  });

  describe('suggestions', () => {
    it('shows a suggestion with its talk track and its source', async () => {
      const { element, source } = await createLivePanel();
      expect(text($(element, '.no-suggestions'))).toBe('Suggestions appear here as the conversation goes.');

      await send(source, examplePage);

      const [suggestion] = $$(element, '.suggestion');
      expect(visibleText(suggestion.querySelector('.kind'))).toBe('Objection');
      expect(text(suggestion.querySelector('.suggestion-title'))).toBe('Trakwell is cheaper per vehicle');
      expect(text(suggestion.querySelector('.body-label'))).toBe('Talk track');
      expect(text(suggestion.querySelector('.body-text'))).toBe(examplePage.suggestions[0].body);
      expect(text(suggestion.querySelector('.source'))).toBe('Battlecard: Objection handlers');
      expect(text(suggestion.querySelector('.heard'))).toBe('Heard: “Trakwell came in cheaper per vehicle”');
    });

    it('puts the newest first and shows a competitor card section with its title and body', async () => {
      const { element, source } = await createLivePanel();
      await send(source, examplePage);
      await send(source, competitorPage);

      const suggestions = $$(element, '.suggestion').map((node) => ({
        kind: visibleText(node.querySelector('.kind')),
        title: text(node.querySelector('.suggestion-title')),
        label: text(node.querySelector('.body-label')),
        body: text(node.querySelector('.body-text')),
        source: text(node.querySelector('.source')),
      }));
      expect(suggestions).toEqual([
        {
          kind: 'Competitor',
          title: 'Trakwell: no tachograph downloads',
          label: 'From the battlecard',
          body: competitorPage.suggestions[0].body,
          source: 'Battlecard: Their weaknesses',
        },
        {
          kind: 'Objection',
          title: 'Trakwell is cheaper per vehicle',
          label: 'Talk track',
          body: examplePage.suggestions[0].body,
          source: 'Battlecard: Objection handlers',
        },
      ]);
    });

    it('adds the tailored line to a suggestion already shown instead of repeating it', async () => {
      const { element, source } = await createLivePanel();
      await send(source, examplePage);
      const tailored = 'Priya runs 140 vans: the tacho add-on alone is about £8,000 a year.';
      await send(source, {
        ...examplePage,
        segments: [],
        suggestions: [{ ...examplePage.suggestions[0], tailored }],
        cursor: 'eyJzZXEiOjE0NH0',
      });

      expect($$(element, '.suggestion')).toHaveLength(1);
      expect(text($(element, '.tailored'))).toBe(tailored);
    });

    it('announces new suggestions politely through a live region present before they arrive', async () => {
      const { element, source } = await createLivePanel();
      const region = $(element, '.suggestions');
      expect(region.getAttribute('aria-live')).toBe('polite');

      await send(source, examplePage);

      expect($(element, '.suggestions')).toBe(region);
      expect(region.querySelectorAll('.suggestion')).toHaveLength(1);
      // The transcript is not live: reading every line aloud would drown the rep's own call.
      expect($(element, '.transcript').getAttribute('aria-live')).toBeNull();
    });
  });

  describe('talk ratio', () => {
    it("shows the rep's share of talk time as words and as a meter, kept current", async () => {
      const { element, source } = await createLivePanel();
      expect($(element, '.talk')).toBeNull();

      await send(source, examplePage);

      expect(text($(element, '.talk-value'))).toBe('Rep 42% · Prospect 58%');
      const meter = $(element, '[role="meter"]');
      expect(meter.getAttribute('aria-valuenow')).toBe('42');
      expect(meter.getAttribute('aria-valuetext')).toBe('The rep talked 42% of the time');
      expect($(element, '.talk-fill').style.width).toBe('42%');

      await send(source, competitorPage);

      expect(text($(element, '.talk-value'))).toBe('Rep 55% · Prospect 45%');
    });
  });

  describe('scrolling', () => {
    it('keeps the newest line in view', async () => {
      const { element, source } = await createLivePanel();
      await send(source, interimPage);
      const box = $(element, '.transcript');
      const layout = giveLayout(box, { scrollHeight: 600, clientHeight: 200 });

      layout.grow(800);
      await send(source, competitorPage);

      expect(box.scrollTop).toBe(800);
      expect(buttonLabelled(element, 'Jump to latest')).toBeUndefined();
    });

    it('leaves the rep where they scrolled to and offers to jump to the latest line', async () => {
      const { element, source } = await createLivePanel();
      await send(source, interimPage);
      const box = $(element, '.transcript');
      const layout = giveLayout(box, { scrollHeight: 600, clientHeight: 200 });

      box.scrollTop = 100;
      box.dispatchEvent(new CustomEvent('scroll'));
      layout.grow(800);
      await send(source, competitorPage);

      expect(box.scrollTop).toBe(100);
      const jump = buttonLabelled(element, 'Jump to latest');
      expect(jump).toBeDefined();
      await expect(element).toBeAccessible();

      jump.click();
      await flushPromises();

      expect(box.scrollTop).toBe(800);
      expect(buttonLabelled(element, 'Jump to latest')).toBeUndefined();

      layout.grow(900);
      await send(source, { ...competitorPage, segments: [{ ...competitorPage.segments[0], segmentId: 'seg-000144' }] });
      expect(box.scrollTop).toBe(900);
    });

    it('follows again once the rep scrolls back to the bottom', async () => {
      const { element, source } = await createLivePanel();
      await send(source, interimPage);
      const box = $(element, '.transcript');
      const layout = giveLayout(box, { scrollHeight: 600, clientHeight: 200 });
      box.scrollTop = 100;
      box.dispatchEvent(new CustomEvent('scroll'));
      await flushPromises();

      box.scrollTop = 390;
      box.dispatchEvent(new CustomEvent('scroll'));
      layout.grow(700);
      await send(source, competitorPage);

      expect(box.scrollTop).toBe(700);
    });
  });

  describe('no live call', () => {
    it('says a transcript appears when a call starts, and is accessible', async () => {
      getLiveCall.mockResolvedValue(NO_CALL);
      const element = createPanel();
      await flushPromises();

      expect(text($deep(element, '.no-call-message'))).toBe(
        'No call in progress. The transcript appears here when a call starts.',
      );
      expect(FakeEventSource.instances).toHaveLength(0);
      await expect(element).toBeAccessible();
    });
  });

  describe('not synced', () => {
    it('explains that the record syncs soon, offers to check again, and is accessible', async () => {
      getLiveCall.mockResolvedValue(NOT_SYNCED);
      const element = createPanel();
      await flushPromises();

      expect(text($deep(element, '.not-synced-message'))).toBe(
        'This record is not in the SDR service yet. It syncs within a few minutes.',
      );
      await expect(element).toBeAccessible();

      getLiveCall.mockResolvedValue(NO_CALL);
      buttonLabelled(element, 'Check again').click();
      await flushPromises();

      expect(getLiveCall).toHaveBeenCalledTimes(2);
      expect($deep(element, '.no-call-message')).not.toBeNull();
    });
  });

  describe('error', () => {
    it('shows the message written for the rep and tries again', async () => {
      getLiveCall.mockRejectedValueOnce({ body: { message: UNREACHABLE, stackTrace: 'Class.SdrLiveCallController' } });
      const element = createPanel();
      await flushPromises();

      expect(text($deep(element, '[role="alert"]'))).toBe(UNREACHABLE);
      expect(deepText(element)).not.toContain('SdrLiveCallController');
      await expect(element).toBeAccessible();

      getLiveCall.mockResolvedValueOnce(LIVE);
      buttonLabelled(element, 'Try again').click();
      await flushPromises();

      expect(getLiveCall).toHaveBeenCalledTimes(2);
      expect($deep(element, '[role="alert"]')).toBeNull();
      expect(FakeEventSource.instances).toHaveLength(1);
    });

    it('says so in words when the answer cannot be read', async () => {
      getLiveCall.mockResolvedValue('{"status":"live"');
      const element = createPanel();
      await flushPromises();

      expect(text($deep(element, '.error-message'))).toBe(
        'The SDR service sent call data this panel cannot read. Try again in a minute.',
      );
    });

    it('falls back to a plain message when the error carries none', async () => {
      getLiveCall.mockRejectedValue(new TypeError('x is undefined'));
      const element = createPanel();
      await flushPromises();

      expect(text($deep(element, '.error-message'))).toBe(
        'Something went wrong loading the call. Try again in a minute.',
      );
    });
  });

  describe('call start and end', () => {
    it('subscribes to the call event channel for new events only', async () => {
      getLiveCall.mockResolvedValue(NO_CALL);
      createPanel();
      await flushPromises();

      expect(subscribe).toHaveBeenCalledTimes(1);
      expect(subscribe.mock.calls[0][0]).toBe(CHANNEL);
      expect(subscribe.mock.calls[0][1]).toBe(-1);
      expect(empApiMock.activeChannels()).toEqual([CHANNEL]);
    });

    it('opens the call when it starts on this record, ignoring calls on other records', async () => {
      getLiveCall.mockResolvedValueOnce(NO_CALL);
      const element = createPanel();
      await flushPromises();

      await publish('started', OTHER_RECORD_ID);
      expect(getLiveCall).toHaveBeenCalledTimes(1);

      getLiveCall.mockResolvedValueOnce(LIVE);
      // The 15-character form of the same id names the same record.
      await publish('started', RECORD_ID.slice(0, 15));

      expect(getLiveCall).toHaveBeenCalledTimes(2);
      expect($(element, '.live-badge')).not.toBeNull();
      expect(FakeEventSource.instances).toHaveLength(1);
    });

    it('stops streaming when the call ends and shows its summary', async () => {
      const { element, source } = await createLivePanel();
      await send(source, examplePage);
      getCall.mockResolvedValue(JSON.stringify(endedCall));

      await publish('ended', OTHER_RECORD_ID);
      expect(source.isClosed).toBe(false);

      await publish('ended');

      expect(source.isClosed).toBe(true);
      expect(getCall).toHaveBeenCalledWith({ callId: CALL_ID });
      expect(text($(element, '.summary-text'))).toBe(endedCall.summary.text);
      expect($$(element, '.next-step').map(text)).toEqual(endedCall.summary.nextSteps);
      expect($$(element, '.objection').map(text)).toEqual(endedCall.summary.objections);
      expect(text($(element, '.talk-value'))).toBe('Rep 42% · Prospect 58%');
      expect($(element, '.live-badge')).toBeNull();
      expect($(element, '.suggestions')).toBeNull();
      // The transcript stays for reading back.
      expect(lines(element)).toHaveLength(1);
      await expect(element).toBeAccessible();
    });

    it('reads the lines the end overtook before showing the summary', async () => {
      const { element, source } = await createLivePanel();
      await send(source, examplePage);
      getEvents.mockResolvedValueOnce(JSON.stringify({ ...competitorPage, callStatus: 'ended' }));
      getCall.mockResolvedValue(JSON.stringify(endedCall));

      await publish('ended');

      expect(getEvents).toHaveBeenCalledWith({ callId: CALL_ID, cursor: examplePage.cursor });
      expect(lines(element)).toHaveLength(2);
      expect(text($(element, '.summary-text'))).toBe(endedCall.summary.text);
    });

    it('still shows the summary when that last read fails', async () => {
      const { element, source } = await createLivePanel();
      await send(source, examplePage);
      getEvents.mockRejectedValueOnce({ body: { message: 'The SDR service cannot be reached right now.' } });
      getCall.mockResolvedValue(JSON.stringify(endedCall));

      await publish('ended');

      expect(lines(element)).toHaveLength(1);
      expect(text($(element, '.summary-text'))).toBe(endedCall.summary.text);
    });

    it('shows the summary when the stream says the call ended', async () => {
      const { element, source } = await createLivePanel();
      getCall.mockResolvedValue(JSON.stringify(endedCall));

      await send(source, endedPage);

      expect(source.isClosed).toBe(true);
      expect(getCall).toHaveBeenCalledTimes(1);
      expect(text($(element, '.summary-text'))).toBe(endedCall.summary.text);
    });

    it('shows a spinner while the summary loads, and offers to check again until it is written', async () => {
      const { element } = await createLivePanel();
      let answer;
      getCall.mockReturnValueOnce(
        new Promise((resolve) => {
          answer = resolve;
        }),
      );

      await publish('ended');
      expect(spinnerTexts(element)).toEqual(['Loading the call summary']);

      answer(JSON.stringify({ ...endedCall, summary: null }));
      await flushPromises();
      expect(text($(element, '.summary-pending'))).toBe('The summary is still being written.');

      getCall.mockResolvedValueOnce(JSON.stringify(endedCall));
      buttonLabelled(element, 'Check again').click();
      await flushPromises();
      expect(text($(element, '.summary-text'))).toBe(endedCall.summary.text);
    });

    it('retries the summary, not the live call, when reading it fails', async () => {
      const { element } = await createLivePanel();
      getCall.mockRejectedValueOnce({ body: { message: UNREACHABLE } });
      await publish('ended');
      expect(text($deep(element, '[role="alert"]'))).toBe(UNREACHABLE);

      getCall.mockResolvedValueOnce(JSON.stringify(endedCall));
      buttonLabelled(element, 'Try again').click();
      await flushPromises();

      expect(getLiveCall).toHaveBeenCalledTimes(1);
      expect(text($(element, '.summary-text'))).toBe(endedCall.summary.text);
    });
  });

  describe('long-poll fallback', () => {
    it('polls through Apex from the last cursor when the stream fails, advancing the cursor', async () => {
      jest.useFakeTimers();
      const { element, source } = await createLivePanel();
      await send(source, interimPage);
      getEvents.mockResolvedValueOnce(JSON.stringify(examplePage)).mockReturnValueOnce(new Promise(() => {}));

      source.fail();
      await flushPromises();

      expect(source.isClosed).toBe(true);
      expect(getEvents).toHaveBeenCalledTimes(1);
      expect(getEvents).toHaveBeenLastCalledWith({ callId: CALL_ID, cursor: interimPage.cursor });
      expect(lines(element)[1]).toEqual({ speaker: 'Prospect', text: examplePage.segments[0].text, interim: false });

      jest.advanceTimersByTime(500);
      await flushPromises();

      expect(getEvents).toHaveBeenCalledTimes(2);
      expect(getEvents).toHaveBeenLastCalledWith({ callId: CALL_ID, cursor: examplePage.cursor });
    });

    it('polls from the start of the call when the browser has no EventSource', async () => {
      delete window.EventSource;
      getEvents.mockResolvedValueOnce(JSON.stringify(examplePage)).mockReturnValueOnce(new Promise(() => {}));
      const { element } = await createLivePanel();

      expect(getEvents).toHaveBeenCalledWith({ callId: CALL_ID, cursor: null });
      expect($$(element, '.suggestion')).toHaveLength(1);
      expect(FakeEventSource.instances).toHaveLength(0);
    });

    it('backs off when polling fails, says it is reconnecting, and recovers', async () => {
      jest.useFakeTimers();
      delete window.EventSource;
      getEvents
        .mockRejectedValueOnce({ body: { message: UNREACHABLE } })
        .mockRejectedValueOnce({ body: { message: UNREACHABLE } })
        .mockResolvedValueOnce(JSON.stringify(examplePage))
        .mockReturnValueOnce(new Promise(() => {}));
      const { element } = await createLivePanel();

      expect(getEvents).toHaveBeenCalledTimes(1);
      expect(text($(element, '.connection-note'))).toBe('Connection to the SDR service lost. Reconnecting…');
      expect($(element, '.connection-note').getAttribute('role')).toBe('status');

      jest.advanceTimersByTime(1999);
      await flushPromises();
      expect(getEvents).toHaveBeenCalledTimes(1);
      jest.advanceTimersByTime(1);
      await flushPromises();
      expect(getEvents).toHaveBeenCalledTimes(2);

      jest.advanceTimersByTime(3999);
      await flushPromises();
      expect(getEvents).toHaveBeenCalledTimes(2);
      jest.advanceTimersByTime(1);
      await flushPromises();
      expect(getEvents).toHaveBeenCalledTimes(3);
      expect($(element, '.connection-note')).toBeNull();
      expect($$(element, '.suggestion')).toHaveLength(1);
    });

    it('stops polling once the call has ended and shows the summary', async () => {
      jest.useFakeTimers();
      delete window.EventSource;
      getEvents.mockResolvedValueOnce(JSON.stringify(endedPage));
      getCall.mockResolvedValue(JSON.stringify(endedCall));
      const { element } = await createLivePanel();

      expect(jest.getTimerCount()).toBe(0);
      expect(text($(element, '.summary-text'))).toBe(endedCall.summary.text);
      jest.advanceTimersByTime(60000);
      expect(getEvents).toHaveBeenCalledTimes(1);
    });
  });

  describe('removal', () => {
    it('unsubscribes and closes the stream when removed', async () => {
      const { element, source } = await createLivePanel();
      const [subscription] = await subscribe.mock.results[0].value.then((value) => [value]);

      document.body.removeChild(element);
      await flushPromises();

      expect(unsubscribe).toHaveBeenCalledTimes(1);
      expect(unsubscribe.mock.calls[0][0]).toEqual(subscription);
      expect(empApiMock.activeChannels()).toEqual([]);
      expect(source.isClosed).toBe(true);
    });

    it('leaves no timer and no poll behind when removed while polling', async () => {
      jest.useFakeTimers();
      delete window.EventSource;
      getEvents.mockResolvedValue(JSON.stringify({ ...examplePage, segments: [], suggestions: [] }));
      const { element } = await createLivePanel();
      expect(jest.getTimerCount()).toBe(1);

      document.body.removeChild(element);
      await flushPromises();

      expect(jest.getTimerCount()).toBe(0);
      jest.advanceTimersByTime(60000);
      await flushPromises();
      expect(getEvents).toHaveBeenCalledTimes(1);
      expect(empApiMock.activeChannels()).toEqual([]);
    });

    it('drops an answer that arrives after removal', async () => {
      jest.useFakeTimers();
      delete window.EventSource;
      let answer;
      getEvents.mockReturnValueOnce(
        new Promise((resolve) => {
          answer = resolve;
        }),
      );
      const { element } = await createLivePanel();

      document.body.removeChild(element);
      answer(JSON.stringify(examplePage));
      await flushPromises();

      expect(jest.getTimerCount()).toBe(0);
      expect(getEvents).toHaveBeenCalledTimes(1);
    });

    it('unsubscribes even when removed before the subscription was confirmed', async () => {
      getLiveCall.mockResolvedValue(NO_CALL);
      const element = createPanel();
      document.body.removeChild(element);
      await flushPromises();

      expect(unsubscribe).toHaveBeenCalledTimes(1);
      expect(empApiMock.activeChannels()).toEqual([]);
    });

    it('stops reacting to call events once removed', async () => {
      getLiveCall.mockResolvedValue(NO_CALL);
      const element = createPanel();
      await flushPromises();
      document.body.removeChild(element);
      await flushPromises();

      await publish('started');

      expect(getLiveCall).toHaveBeenCalledTimes(1);
    });
  });

  describe('outside a record page', () => {
    it('says where the panel belongs, subscribing to nothing', async () => {
      const element = createElement('c-sdr-live-call', { is: SdrLiveCall });
      document.body.appendChild(element);
      await flushPromises();

      expect(text($(element, '.no-record'))).toBe(
        'Add this panel to a Lead or Contact record page to follow its calls live.',
      );
      expect(subscribe).not.toHaveBeenCalled();
      expect(getLiveCall).not.toHaveBeenCalled();
      await expect(element).toBeAccessible();
    });
  });
});
