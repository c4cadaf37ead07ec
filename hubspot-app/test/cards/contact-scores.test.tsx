import {
  Alert,
  Button,
  EmptyState,
  Flex,
  Heading,
  LoadingSpinner,
  ScoreCircle,
  StatisticsItem,
  Tag,
  Text,
} from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { leadExample, leadScoreExample, scoreResultExample, type LeadScore } from '@sdr/shared';
import { BUSY, NOT_INSTALLED, TIMEOUT_MS, UNREACHABLE } from '../../src/app/backend/request.ts';
import { ContactScoresPanel } from '../../src/app/cards/ContactScoresPanel.tsx';
import { NOT_SYNCED_TITLE } from '../../src/app/cards/NotSynced.tsx';
import { FakeFetch } from '../support/fake-fetch.ts';

const scorePath = `/v1/leads/${leadExample.id}/score`;
let fake: FakeFetch;

beforeEach(() => {
  fake = new FakeFetch()
    .on('GET', '/v1/leads', { status: 200, body: { data: [leadExample], nextCursor: null } })
    .on('GET', scorePath, { status: 200, body: leadScoreExample });
  fake.install();
});

function renderCard() {
  const renderer = createRenderer('crm.record.sidebar');
  renderer.render(<ContactScoresPanel contactId="101" />);
  return renderer;
}

describe('the contact scores card', () => {
  it('finds the lead by the contact id through the service and shows money, the three scores and the tier', async () => {
    const { find, findAll, findByTestId, waitFor } = renderCard();
    expect(find(LoadingSpinner)).toBeDefined();
    await waitFor(() => expect(findByTestId(ScoreCircle, 'score-ev').props.score).toBe(72));
    expect(fake.calls[0]!.url.pathname).toBe('/hubspot/v1/leads');
    expect(fake.calls[0]!.url.searchParams.get('crmId')).toBe('101');
    expect(fake.calls[0]!.url.searchParams.get('limit')).toBe('1');
    expect(fake.calls[1]!.url.pathname).toBe(`/hubspot${scorePath}`);
    expect(findByTestId(StatisticsItem, 'expected-value').props.number).toBe('£8,360');
    expect(findByTestId(StatisticsItem, 'chance').props.number).toBe('22%');
    expect(findByTestId(ScoreCircle, 'score-risk').props.score).toBe(35);
    expect(findByTestId(ScoreCircle, 'score-urgency').props.score).toBe(81);
    expect(find(Tag).text).toBe('Hot');
    const lines = findAll(Text).map((node) => node.text);
    expect(lines).toContain('+ Company size: 420 employees (+14)');
    expect(lines).toContain('\u2212 Replies to outreach: 3 replies (\u221210)');
    expect(lines).toContain('+ Asked for pricing: 4 days ago (+24)');
    expect(findByTestId(Text, 'scored-when').text).toMatch(/^Scored .+ ago with model 2026-11-24\.1$/);
  });

  it('groups the reasons by dimension, strongest first', async () => {
    const { findByTestId, waitFor } = renderCard();
    await waitFor(() => findByTestId(ScoreCircle, 'score-ev'));
    const urgency = findByTestId(Flex, 'reasons-urgency');
    expect(urgency.find(Heading).text).toBe('Urgency reasons');
    expect(urgency.findAll(Text).map((node) => node.text)).toEqual([
      '+ Asked for pricing: 4 days ago (+24)',
      '+ Lead source: Webinar (+8)',
    ]);
    expect(findByTestId(Flex, 'reasons-ev').findAll(Text)).toHaveLength(3);
  });

  it('marks a stale score, lists the missing values and names the rules when no model scored it', async () => {
    const stale: LeadScore = {
      ...leadScoreExample,
      freshness: 'stale',
      missing: ['Annual revenue'],
      modelVersion: null,
    };
    fake.on('GET', scorePath, { status: 200, body: stale });
    const { find, findAll, findByTestId, waitFor } = renderCard();
    await waitFor(() => expect(find(Alert).props.title).toBe('Out of date'));
    expect(findAll(Text).map((node) => node.text)).toContain('No value yet for: Annual revenue');
    expect(findByTestId(Text, 'scored-when').text).toMatch(/with the starting rules$/);
  });

  it('says the contact is not synced yet when no lead has its id, and checks again on request', async () => {
    fake.on('GET', '/v1/leads', { status: 200, body: { data: [], nextCursor: null } });
    const { find, findByTestId, waitFor } = renderCard();
    await waitFor(() => expect(find(EmptyState).props.title).toBe(NOT_SYNCED_TITLE));
    expect(fake.calls.some((call) => call.url.pathname.endsWith('/score'))).toBe(false);
    fake.on('GET', '/v1/leads', { status: 200, body: { data: [leadExample], nextCursor: null } });
    findByTestId(Button, 'check-again').trigger('onClick');
    await waitFor(() => expect(findByTestId(ScoreCircle, 'score-ev').props.score).toBe(72));
  });

  it.each([
    ['a network failure', 'network-error' as const, UNREACHABLE],
    ['an account that is not connected', { status: 403, body: { title: 'Forbidden' } }, NOT_INSTALLED],
    ['a busy service', { status: 429, body: { title: 'Too Many Requests' } }, BUSY],
    ['a server error', { status: 500, body: { title: 'Internal', detail: 'stack trace' } }, UNREACHABLE],
  ])('words %s plainly and retries on request', async (_case, answer, message) => {
    fake.on('GET', scorePath, answer);
    const { find, findByTestId, waitFor } = renderCard();
    await waitFor(() => expect(find(Alert).text).toBe(message));
    expect(find(Alert).props.variant).toBe('error');
    fake.on('GET', scorePath, { status: 200, body: leadScoreExample });
    findByTestId(Button, 'retry').trigger('onClick');
    await waitFor(() => expect(findByTestId(ScoreCircle, 'score-ev').props.score).toBe(72));
  });

  it('shows a failure to find the lead with a retry', async () => {
    fake.on('GET', '/v1/leads', 'network-error');
    const { find, findByTestId, waitFor } = renderCard();
    await waitFor(() => expect(find(Alert).text).toBe(UNREACHABLE));
    fake.on('GET', '/v1/leads', { status: 200, body: { data: [leadExample], nextCursor: null } });
    findByTestId(Button, 'retry').trigger('onClick');
    await waitFor(() => findByTestId(ScoreCircle, 'score-ev'));
  });

  it('rescores the lead, then shows the new score', async () => {
    fake.on('POST', '/v1/scores', { status: 200, body: { data: [scoreResultExample] } });
    const { findByTestId, waitFor } = renderCard();
    await waitFor(() => findByTestId(Button, 'rescore'));
    fake.on('GET', scorePath, { status: 200, body: { ...leadScoreExample, risk: 12 } });
    findByTestId(Button, 'rescore').trigger('onClick');
    await waitFor(() => expect(findByTestId(ScoreCircle, 'score-risk').props.score).toBe(12));
    const post = fake.calls.find((call) => call.method === 'POST')!;
    expect(post.url.pathname).toBe('/hubspot/v1/scores');
    expect(post.body).toEqual({ leadIds: [leadExample.id] });
    expect(post.timeout).toBe(TIMEOUT_MS);
  });

  it('keeps the score on screen when rescoring fails, and says why', async () => {
    fake.on('POST', '/v1/scores', { status: 429, body: { title: 'Too Many Requests' } });
    const { find, findByTestId, waitFor } = renderCard();
    await waitFor(() => findByTestId(Button, 'rescore'));
    findByTestId(Button, 'rescore').trigger('onClick');
    await waitFor(() => expect(find(Alert).props.title).toBe('Rescoring did not work'));
    expect(find(Alert).text).toBe(BUSY);
    expect(findByTestId(ScoreCircle, 'score-ev').props.score).toBe(72);
    expect(findByTestId(Button, 'rescore').props.disabled).toBe(false);
  });
});
