import { Alert, Button, EmptyState, Flex, LoadingSpinner, ProgressBar, StatusTag, Text } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import {
  callEventsExample,
  callExample,
  leadExample,
  suggestionExample,
  transcriptSegmentExample,
  type Call,
  type CallEvents,
} from '@sdr/shared';
import { NOT_INSTALLED, TIMEOUT_MS, UNREACHABLE } from '../../src/app/backend/request.ts';
import { ContactLiveCallPanel, TRANSCRIPT_LINES } from '../../src/app/cards/LiveCallPanel.tsx';
import type { LiveCallTiming } from '../../src/app/cards/lib/useLiveCall.ts';
import { useState, type ReactNode } from 'react';
import { FakeFetch, type FetchCall } from '../support/fake-fetch.ts';
import { textOf, textsOf } from './text-of.ts';
import { until } from './until.ts';

// Real timers, short gaps: the card's own waits, scaled down.
const TIMING: LiveCallTiming = { waitSeconds: 8, pollGapMs: 5, backoffStartMs: 40, backoffMaxMs: 160, recheckMs: 40 };
const live: Call = { ...callExample, status: 'live', endedAt: null, summary: null };
const eventsPath = `/v1/calls/${callExample.id}/events`;
const callPath = `/v1/calls/${callExample.id}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const ended = (cursor: string): CallEvents => ({
  ...callEventsExample,
  callStatus: 'ended',
  segments: [],
  suggestions: [],
  cursor,
});

let fake: FakeFetch;
beforeEach(() => {
  fake = new FakeFetch()
    .on('GET', '/v1/leads', { status: 200, body: { data: [leadExample], nextCursor: null } })
    .on('GET', '/v1/calls', { status: 200, body: { data: [live] } })
    .on('GET', callPath, { status: 200, body: callExample });
  fake.install();
});

/** Answers the event polls in turn; the last answer repeats. */
function scriptEvents(...answers: (CallEvents | 'network-error' | { status: number; body?: unknown })[]) {
  let next = 0;
  fake.on('GET', eventsPath, () => {
    const answer = answers[Math.min(next++, answers.length - 1)]!;
    return answer === 'network-error' || 'status' in answer ? answer : { status: 200, body: answer };
  });
}

const eventCalls = () => fake.calls.filter((call: FetchCall) => call.url.pathname === `/hubspot${eventsPath}`);

/** The card until the "leave" button is pressed, as when the rep moves to another record. */
function Removable({ children }: { children: ReactNode }) {
  const [shown, setShown] = useState(true);
  return (
    <>
      {shown && children}
      <Button testId="leave" onClick={() => setShown(false)}>
        Leave
      </Button>
    </>
  );
}

const rendered: ReturnType<typeof createRenderer>[] = [];
// The testing renderer never unmounts, and a card left on screen would poll on after its test.
afterEach(() => {
  for (const renderer of rendered.splice(0)) renderer.findByTestId(Button, 'leave').trigger('onClick');
});

function renderCard() {
  const renderer = createRenderer('crm.record.sidebar');
  rendered.push(renderer);
  renderer.render(
    <Removable>
      <ContactLiveCallPanel contactId="101" timing={TIMING} />
    </Removable>,
  );
  return renderer;
}

describe('the live call card', () => {
  it("finds the lead's live call and shows the transcript, suggestions and talk ratio as they arrive", async () => {
    const question = { ...transcriptSegmentExample, segmentId: 'seg-000141', seq: 141, speaker: 'rep' as const };
    scriptEvents({
      ...callEventsExample,
      segments: [{ ...question, text: 'How are you tracking the fleet at the moment?' }, transcriptSegmentExample],
    });
    const { findByTestId, waitFor } = renderCard();
    await waitFor(() => findByTestId(Flex, 'transcript'));
    expect(textsOf(findByTestId(Flex, 'transcript'))).toEqual([
      'Transcript',
      'Rep: How are you tracking the fleet at the moment?',
      `Prospect: ${transcriptSegmentExample.text}`,
    ]);
    const find = fake.calls.find((call) => call.url.pathname === '/hubspot/v1/calls')!;
    expect(Object.fromEntries(find.url.searchParams)).toEqual({ leadId: leadExample.id, status: 'live', limit: '1' });
    expect(findByTestId(StatusTag, 'live').text).toBe('Live');
    expect(textsOf(findByTestId(Flex, 'transcript'))).toContain(`Prospect: ${transcriptSegmentExample.text}`);
    const suggestion = textOf(findByTestId(Flex, `suggestion-${suggestionExample.id}`));
    expect(suggestion).toContain('Objection');
    expect(suggestion).toContain('Trakwell is cheaper per vehicle');
    expect(suggestion).toContain('From the battlecard: Objection handlers');
    expect(suggestion).toContain('Heard: “Trakwell came in cheaper per vehicle”');
    expect(suggestion).toContain(suggestionExample.body);
    expect(findByTestId(ProgressBar, 'talk-ratio').props.value).toBe(42);
    expect(findByTestId(ProgressBar, 'talk-ratio').props.valueDescription).toBe('Rep 42% · Prospect 58%');
  });

  it('shows a competitor suggestion with its battlecard section and the line written for this call', async () => {
    const competitor = {
      ...suggestionExample,
      id: 'competitor-1',
      kind: 'competitor' as const,
      title: 'Trakwell Telematics',
      body: '- **Driver app included**: Trakwell charges for theirs.',
      source: { battlecardId: suggestionExample.source!.battlecardId, section: 'why_we_win' as const },
      tailored: 'Priya runs 140 vans: that is £6,720 a year in driver app fees alone.',
      createdAt: '2026-11-24T14:06:00.000Z',
    };
    const question = {
      ...suggestionExample,
      id: 'question-1',
      kind: 'question' as const,
      source: null,
      createdAt: '2026-11-24T14:05:30.000Z',
    };
    scriptEvents({
      ...callEventsExample,
      suggestions: [suggestionExample, question, competitor],
      metrics: { ...callEventsExample.metrics!, repTalkRatio: null },
    });
    const { findByTestId, maybeFindByTestId, waitFor } = renderCard();
    await waitFor(() => findByTestId(Flex, 'suggestion-competitor-1'));
    const text = textsOf(findByTestId(Flex, 'suggestion-competitor-1'));
    expect(text).toContain('Competitor');
    expect(text).toContain('From the battlecard: Why we win');
    expect(text).toContain('Driver app included: Trakwell charges for theirs.');
    expect(text).toContain('For this call: Priya runs 140 vans: that is £6,720 a year in driver app fees alone.');
    expect(textsOf(findByTestId(Flex, 'suggestion-question-1'))).toContain('Suggestion');
    // Newest first.
    expect(
      findByTestId(Flex, 'suggestions')
        .findAll(Flex)
        .map((node) => node.props.testId)
        .filter(Boolean),
    ).toEqual(['suggestion-competitor-1', 'suggestion-question-1', `suggestion-${suggestionExample.id}`]);
    // Speakers not told apart yet: no ratio rather than a wrong one.
    expect(maybeFindByTestId(ProgressBar, 'talk-ratio')).toBeNull();
  });

  it('keeps the sidebar to the end of a long conversation', async () => {
    const segments = Array.from({ length: TRANSCRIPT_LINES + 5 }, (_, index) => ({
      ...transcriptSegmentExample,
      segmentId: `seg-${index}`,
      seq: index,
      text: `Line ${index}`,
    }));
    scriptEvents({ ...callEventsExample, segments, suggestions: [] });
    const { findByTestId, waitFor } = renderCard();
    await waitFor(() => findByTestId(Flex, 'transcript'));
    const lines = textsOf(findByTestId(Flex, 'transcript'));
    expect(lines[1]).toBe(`The last ${TRANSCRIPT_LINES} of ${TRANSCRIPT_LINES + 5} lines`);
    expect(lines[2]).toBe('Prospect: Line 5');
    expect(lines.at(-1)).toBe(`Prospect: Line ${TRANSCRIPT_LINES + 4}`);
  });

  it('passes each returned cursor on, keeps the wait under the 15 s limit, and goes through hubspot.fetch', async () => {
    scriptEvents(
      { ...callEventsExample, cursor: 'c1' },
      { ...callEventsExample, segments: [], suggestions: [], cursor: 'c2' },
      ended('c3'),
    );
    const { findByTestId, waitFor } = renderCard();
    await waitFor(() => findByTestId(Flex, 'ended'));
    const polls = eventCalls();
    expect(polls.map((call) => call.url.searchParams.get('cursor'))).toEqual([null, 'c1', 'c2']);
    for (const poll of polls) {
      expect(Number(poll.url.searchParams.get('waitSeconds'))).toBeLessThanOrEqual(10);
      expect(poll.timeout).toBe(TIMEOUT_MS);
    }
  });

  it('replaces an interim line by its final version and marks lines still being heard', async () => {
    const interim = { ...transcriptSegmentExample, text: 'Honestly, Trak', final: false };
    scriptEvents(
      { ...callEventsExample, segments: [interim], suggestions: [], cursor: 'c1' },
      { ...callEventsExample, segments: [], suggestions: [], cursor: 'c1' },
    );
    const { findByTestId, maybeFindByTestId, waitFor } = renderCard();
    await waitFor(() => expect(findByTestId(Text, 'interim').text).toBe('Prospect: Honestly, Trak …'));
    expect(findByTestId(Text, 'interim').props.format).toEqual({ italic: true });
    scriptEvents({ ...callEventsExample, suggestions: [], cursor: 'c2' });
    await waitFor(() => expect(maybeFindByTestId(Text, 'interim')).toBeNull());
    expect(textsOf(findByTestId(Flex, 'transcript')).filter((line) => line.startsWith('Prospect:'))).toEqual([
      `Prospect: ${transcriptSegmentExample.text}`,
    ]);
  });

  it('stops polling when the call ends, then shows the summary', async () => {
    scriptEvents(callEventsExample, ended('c2'));
    const { findByTestId, waitFor } = renderCard();
    await waitFor(() => findByTestId(Flex, 'ended'));
    const summary = textOf(findByTestId(Flex, 'ended'));
    expect(summary).toContain(callExample.summary!.text);
    expect(textsOf(findByTestId(Flex, 'next-steps'))).toContain('Book a demo with the Leeds depot manager');
    expect(textsOf(findByTestId(Flex, 'objections'))).toContain('Trakwell is cheaper per vehicle');
    expect(findByTestId(ProgressBar, 'talk-ratio').props.value).toBe(42);
    const polls = eventCalls().length;
    await sleep(100);
    expect(eventCalls()).toHaveLength(polls);
  });

  it('keeps polling while an ended call still brings news, as the service asks', async () => {
    scriptEvents({ ...callEventsExample, callStatus: 'ended', cursor: 'c1' }, ended('c2'));
    const { findByTestId, waitFor } = renderCard();
    await waitFor(() => findByTestId(Flex, 'ended'));
    expect(eventCalls().map((call) => call.url.searchParams.get('cursor'))).toEqual([null, 'c1']);
  });

  it('says when the summary is still being written and fetches it again on request', async () => {
    fake.on('GET', callPath, { status: 200, body: { ...callExample, summary: null } });
    scriptEvents(ended('c1'));
    const { find, findByTestId, waitFor } = renderCard();
    await waitFor(() => expect(find(EmptyState).props.title).toBe('Summary on its way'));
    fake.on('GET', callPath, { status: 200, body: callExample });
    findByTestId(Button, 'check-summary').trigger('onClick');
    await waitFor(() => findByTestId(Flex, 'next-steps'));
  });

  it('backs off on errors with a visible reconnecting note, then carries on from the same cursor', async () => {
    const times: number[] = [];
    let next = 0;
    fake.on('GET', eventsPath, () => {
      times.push(Date.now());
      next += 1;
      if (next === 1) return { status: 200, body: { ...callEventsExample, cursor: 'c1' } };
      if (next <= 4) return next === 3 ? { status: 503, body: {} } : 'network-error';
      return { status: 200, body: { ...callEventsExample, segments: [], suggestions: [], cursor: 'c1' } };
    });
    const { findByTestId, maybeFindByTestId, waitFor } = renderCard();
    await waitFor(() => expect(findByTestId(Alert, 'reconnecting').props.title).toBe('Reconnecting'));
    await until(() => next >= 5);
    await waitFor(() => expect(maybeFindByTestId(Alert, 'reconnecting')).toBeNull());
    // The transcript stays on screen throughout.
    expect(findByTestId(Flex, 'transcript')).toBeDefined();
    const gaps = [times[2]! - times[1]!, times[3]! - times[2]!, times[4]! - times[3]!];
    expect(gaps[0]).toBeGreaterThanOrEqual(TIMING.backoffStartMs - 5);
    expect(gaps[1]).toBeGreaterThanOrEqual(2 * TIMING.backoffStartMs - 5);
    expect(gaps[2]).toBeGreaterThanOrEqual(4 * TIMING.backoffStartMs - 5);
    expect(
      eventCalls()
        .slice(1)
        .map((call) => call.url.searchParams.get('cursor')),
    ).toEqual(
      eventCalls()
        .slice(1)
        .map(() => 'c1'),
    );
  });

  it('stops polling when the card goes away', async () => {
    scriptEvents({ ...callEventsExample, segments: [], suggestions: [] });
    const { findByTestId, maybeFindByTestId, waitFor } = renderCard();
    await waitFor(() => findByTestId(StatusTag, 'live'));
    await until(() => eventCalls().length >= 2);
    findByTestId(Button, 'leave').trigger('onClick');
    await waitFor(() => expect(maybeFindByTestId(StatusTag, 'live')).toBeNull());
    await sleep(30);
    const polls = eventCalls().length;
    await sleep(100);
    expect(eventCalls()).toHaveLength(polls);
  });

  it('stops and says so when the account is no longer connected', async () => {
    scriptEvents({ status: 403, body: {} });
    const { find, findByTestId, waitFor } = renderCard();
    await waitFor(() => expect(find(Alert).text).toBe(NOT_INSTALLED));
    const polls = eventCalls().length;
    await sleep(100);
    expect(eventCalls()).toHaveLength(polls);
    scriptEvents(callEventsExample);
    findByTestId(Button, 'retry').trigger('onClick');
    await waitFor(() => findByTestId(Flex, 'transcript'));
  });

  it('looks for a live call again when the one it follows is gone', async () => {
    scriptEvents({ status: 404, body: {} });
    let finds = 0;
    fake.on('GET', '/v1/calls', () => ({ status: 200, body: { data: ++finds === 1 ? [live] : [] } }));
    const { find, waitFor } = renderCard();
    await waitFor(() => expect(find(EmptyState).props.title).toBe('No live call'));
    expect(eventCalls()).toHaveLength(1);
  });

  it('looks again for a live call every so often when there is none, and on request', async () => {
    fake.on('GET', '/v1/calls', { status: 200, body: { data: [] } });
    scriptEvents(callEventsExample);
    const { find, findByTestId, waitFor } = renderCard();
    await waitFor(() => expect(find(EmptyState).props.title).toBe('No live call'));
    const finds = () => fake.calls.filter((call) => call.url.pathname === '/hubspot/v1/calls').length;
    await until(() => finds() >= 3);
    findByTestId(Button, 'check-again').trigger('onClick');
    fake.on('GET', '/v1/calls', { status: 200, body: { data: [live] } });
    await waitFor(() => findByTestId(Flex, 'transcript'));
  });

  it('shows a failure to look for a call with a retry, and a contact that is not synced', async () => {
    fake.on('GET', '/v1/calls', 'network-error');
    const { find, findByTestId, waitFor } = renderCard();
    await waitFor(() => expect(find(Alert).text).toBe(UNREACHABLE));
    fake.on('GET', '/v1/calls', { status: 200, body: { data: [] } });
    findByTestId(Button, 'retry').trigger('onClick');
    await waitFor(() => expect(find(EmptyState).props.title).toBe('No live call'));

    fake.on('GET', '/v1/leads', { status: 200, body: { data: [], nextCursor: null } });
    const other = renderCard();
    await other.waitFor(() => expect(other.find(EmptyState).props.title).toBe('Not in the SDR service yet'));
    expect(other.maybeFind(LoadingSpinner)).toBeNull();
  });
});
