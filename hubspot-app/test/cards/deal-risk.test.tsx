import { Alert, Button, EmptyState, Flex, ScoreCircle, Tag, Text } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { leadScoreExample, opportunityExample } from '@sdr/shared';
import { BUSY, NOT_INSTALLED, UNREACHABLE } from '../../src/app/backend/request.ts';
import { DEAL_NOT_SYNCED, DealRiskPanel, NO_LEAD } from '../../src/app/cards/DealRiskPanel.tsx';
import { FakeFetch } from '../support/fake-fetch.ts';
import { textOf, textsOf } from './text-of.ts';

const scorePath = `/v1/leads/${opportunityExample.leadId}/score`;
let fake: FakeFetch;
beforeEach(() => {
  fake = new FakeFetch()
    .on('GET', '/v1/opportunities', { status: 200, body: { data: [opportunityExample], nextCursor: null } })
    .on('GET', scorePath, { status: 200, body: leadScoreExample });
  fake.install();
});

function renderCard() {
  const renderer = createRenderer('crm.record.sidebar');
  renderer.render(<DealRiskPanel dealId="777" />);
  return renderer;
}

describe('the deal risk card', () => {
  it("finds the deal by its HubSpot id and shows its lead's risk with only the risk reasons", async () => {
    const { findByTestId, findAll, waitFor } = renderCard();
    await waitFor(() => expect(findByTestId(ScoreCircle, 'score-risk').props.score).toBe(35));
    expect(fake.calls[0]!.url.pathname).toBe('/hubspot/v1/opportunities');
    expect(Object.fromEntries(fake.calls[0]!.url.searchParams)).toEqual({ crmId: '777', limit: '1' });
    expect(fake.calls[1]!.url.pathname).toBe(`/hubspot${scorePath}`);
    expect(textsOf(findByTestId(Flex, 'reasons-risk'))).toEqual([
      'Risk reasons',
      '+ Competitor in the deal: Trakwell Telematics (+18)',
      '\u2212 Replies to outreach: 3 replies (\u221210)',
    ]);
    expect(findAll(ScoreCircle)).toHaveLength(1);
    expect(findByTestId(Text, 'scored-when').text).toMatch(/^Scored .+ ago with model 2026-11-24\.1$/);
    expect(findByTestId(Flex, 'deal-competitors').find(Tag).text).toBe('Trakwell Telematics');
  });

  it('says when nothing drives the risk, and marks a stale score', async () => {
    fake.on('GET', scorePath, {
      status: 200,
      body: {
        ...leadScoreExample,
        freshness: 'stale',
        topReasons: leadScoreExample.topReasons.filter((r) => r.dimension !== 'risk'),
      },
    });
    const { find, findAll, waitFor } = renderCard();
    await waitFor(() => expect(find(Alert).props.title).toBe('Out of date'));
    expect(findAll(Text).map((node) => node.text)).toContain(
      'Nothing in particular raises or lowers the risk of this deal.',
    );
  });

  it('explains a deal with no lead behind it', async () => {
    fake.on('GET', '/v1/opportunities', {
      status: 200,
      body: { data: [{ ...opportunityExample, leadId: null, competitors: [] }], nextCursor: null },
    });
    const { find, maybeFindByTestId, waitFor } = renderCard();
    await waitFor(() => expect(textOf(find(EmptyState))).toBe(NO_LEAD));
    expect(fake.calls).toHaveLength(1);
    expect(maybeFindByTestId(Flex, 'deal-competitors')).toBeNull();
  });

  it('says the deal is not synced yet and checks again on request', async () => {
    fake.on('GET', '/v1/opportunities', { status: 200, body: { data: [], nextCursor: null } });
    const { find, findByTestId, waitFor } = renderCard();
    await waitFor(() => expect(textOf(find(EmptyState))).toBe(DEAL_NOT_SYNCED));
    fake.on('GET', '/v1/opportunities', { status: 200, body: { data: [opportunityExample], nextCursor: null } });
    findByTestId(Button, 'check-again').trigger('onClick');
    await waitFor(() => findByTestId(ScoreCircle, 'score-risk'));
  });

  it.each([
    ['/v1/opportunities', 'network-error' as const, UNREACHABLE],
    ['/v1/opportunities', { status: 403, body: {} }, NOT_INSTALLED],
    [scorePath, { status: 429, body: {} }, BUSY],
    [scorePath, { status: 500, body: {} }, UNREACHABLE],
  ])('shows a failure of %s in plain words with a retry', async (path, answer, message) => {
    fake.on('GET', path, answer);
    const { find, findByTestId, waitFor } = renderCard();
    await waitFor(() => expect(find(Alert).text).toBe(message));
    fake.on('GET', path, {
      status: 200,
      body: path === scorePath ? leadScoreExample : { data: [opportunityExample], nextCursor: null },
    });
    findByTestId(Button, 'retry').trigger('onClick');
    await waitFor(() => findByTestId(ScoreCircle, 'score-risk'));
  });
});
