import { Accordion, Alert, Button, EmptyState, Flex, Link, LoadingSpinner, Text } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { companyExample, researchReportExample, type ResearchReport } from '@sdr/shared';
import { useState, type ReactNode } from 'react';
import { BUSY, NOT_INSTALLED, TIMEOUT_MS, UNREACHABLE } from '../../src/app/backend/request.ts';
import {
  COMPANY_NOT_SYNCED,
  CompanyResearchPanel,
  RESEARCH_FAILED,
} from '../../src/app/cards/CompanyResearchPanel.tsx';
import type { ResearchTiming } from '../../src/app/cards/lib/useResearch.ts';
import { FakeFetch } from '../support/fake-fetch.ts';
import { textOf, textsOf } from './text-of.ts';
import { until } from './until.ts';

const TIMING: ResearchTiming = { pollMs: 10, maxPolls: 3 };
const reportPath = `/v1/research/${researchReportExample.id}`;
const pending: ResearchReport = {
  ...researchReportExample,
  status: 'pending',
  overview: null,
  writtenBy: null,
  registerMatch: null,
  keyPeople: [],
  recentEvents: [],
  riskFlags: [],
  crmContext: null,
  talkingPoints: [],
  facts: [],
  sources: [],
  completedAt: null,
  expiresAt: null,
};

let fake: FakeFetch;
beforeEach(() => {
  fake = new FakeFetch()
    .on('GET', '/v1/companies', { status: 200, body: { data: [companyExample], nextCursor: null } })
    .on('POST', '/v1/research', { status: 200, body: researchReportExample })
    .on('GET', reportPath, { status: 200, body: researchReportExample });
  fake.install();
});

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
afterEach(() => {
  for (const renderer of rendered.splice(0)) renderer.findByTestId(Button, 'leave').trigger('onClick');
});

function renderCard() {
  const renderer = createRenderer('crm.record.tab');
  rendered.push(renderer);
  renderer.render(
    <Removable>
      <CompanyResearchPanel companyCrmId="5005" timing={TIMING} />
    </Removable>,
  );
  return renderer;
}

const posts = () => fake.calls.filter((call) => call.method === 'POST');
const polls = () => fake.calls.filter((call) => call.url.pathname === `/hubspot${reportPath}`);

describe('the company research card', () => {
  it('finds the company by its HubSpot id, asks for its report and shows every part of it', async () => {
    const { findByTestId, waitFor } = renderCard();
    await waitFor(() => findByTestId(Flex, 'report'));
    expect(fake.calls[0]!.url.pathname).toBe('/hubspot/v1/companies');
    expect(Object.fromEntries(fake.calls[0]!.url.searchParams)).toEqual({ crmId: '5005', limit: '1' });
    expect(posts()[0]!.body).toEqual({ companyId: companyExample.id, refresh: false });
    expect(posts()[0]!.timeout).toBe(TIMEOUT_MS);
    expect(findByTestId(Text, 'overview').text).toBe(researchReportExample.overview);
    expect(textsOf(findByTestId(Flex, 'talking-points'))).toContain(researchReportExample.talkingPoints[0]!.text);
    expect(textsOf(findByTestId(Flex, 'key-people'))).toEqual([
      'Key people',
      'Priya Raman, VP Operations',
      'Daniel Okafor, Director (since 1 Sep 2026)',
    ]);
    expect(textsOf(findByTestId(Flex, 'recent-events'))).toContain('1 Sep 2026: Daniel Okafor appointed director');
    expect(textOf(findByTestId(Flex, 'risk-flags'))).toContain('Medium Trakwell Telematics is already in the deal');
    const register = textOf(findByTestId(Flex, 'register'));
    expect(register).toContain('Found on the register');
    expect(register).toContain('Company number 08123456');
    expect(register).toContain('Found on the register by name and postcode.');
    const crm = textOf(findByTestId(Flex, 'crm-context'));
    expect(crm).toContain('£38,000');
    expect(crm).toContain('Trakwell Telematics');
  });

  it('lists every fact with its source, as an outside link only when the source has a web address', async () => {
    const { findByTestId, waitFor } = renderCard();
    await waitFor(() => findByTestId(Accordion, 'facts'));
    expect(findByTestId(Accordion, 'facts').props.title).toBe('Facts and sources (6)');
    const officers = findByTestId(Flex, 'fact-f3');
    expect(officers.find(Link).props.href).toEqual({
      url: 'https://find-and-update.company-information.service.gov.uk/company/08123456/officers',
      external: true,
    });
    expect(officers.find(Link).text).toBe('Companies House');
    const crm = findByTestId(Flex, 'fact-f4');
    expect(crm.maybeFind(Link)).toBeNull();
    expect(textsOf(crm)).toContain('Source: CRM');
  });

  it('shows text as text and links only web addresses', async () => {
    fake.on('POST', '/v1/research', {
      status: 200,
      body: {
        ...researchReportExample,
        overview: '<b>Bold</b> <script>x()</script>',
        facts: [{ ...researchReportExample.facts[0]!, source: { name: 'Odd', url: 'javascript:alert(1)' } }],
      },
    });
    const { findByTestId, waitFor } = renderCard();
    await waitFor(() => findByTestId(Flex, 'report'));
    expect(findByTestId(Text, 'overview').text).toBe('<b>Bold</b> <script>x()</script>');
    expect(findByTestId(Flex, 'fact-f1').maybeFind(Link)).toBeNull();
  });

  it("shows the register's status message and the parts it could not answer for", async () => {
    fake.on('POST', '/v1/research', {
      status: 200,
      body: {
        ...researchReportExample,
        registerMatch: {
          ...researchReportExample.registerMatch!,
          status: 'unavailable',
          companyNumber: null,
          missing: ['officers', 'filings'],
          message: 'Companies House could not be reached. The rest of the report is complete.',
        },
      },
    });
    const { findByTestId, waitFor } = renderCard();
    await waitFor(() => findByTestId(Flex, 'register'));
    const register = textOf(findByTestId(Flex, 'register'));
    expect(register).toContain('Register unavailable');
    expect(register).toContain('Companies House could not be reached.');
    expect(findByTestId(Text, 'register-missing').text).toBe('The register did not answer for: officers, filings');
  });

  it('lists the possible register entries when the match is ambiguous', async () => {
    const match = researchReportExample.registerMatch!;
    fake.on('POST', '/v1/research', {
      status: 200,
      body: {
        ...researchReportExample,
        registerMatch: {
          ...match,
          status: 'ambiguous',
          companyNumber: null,
          confidence: null,
          candidates: [
            match.candidates[0]!,
            {
              ...match.candidates[0]!,
              companyNumber: 'SC123456',
              name: 'NORTHWIND LOGISTICS (SCOTLAND) LTD',
              address: null,
            },
          ],
          message: 'Two register entries could be this company.',
        },
      },
    });
    const { findByTestId, waitFor } = renderCard();
    await waitFor(() => findByTestId(Flex, 'register'));
    expect(textsOf(findByTestId(Flex, 'register'))).toEqual([
      'Companies House',
      'Several possible entries',
      'Two register entries could be this company.',
      'NORTHWIND LOGISTICS LTD (08123456), 4 Dock Road, Felixstowe, IP11 3QW',
      'NORTHWIND LOGISTICS (SCOTLAND) LTD (SC123456)',
    ]);
  });

  it('polls a report being written until it is complete', async () => {
    fake.on('POST', '/v1/research', { status: 202, body: pending });
    let answered = 0;
    fake.on('GET', reportPath, () => {
      answered += 1;
      if (answered === 1) return { status: 200, body: { ...pending, status: 'running' } };
      return { status: 200, body: researchReportExample };
    });
    const { find, findByTestId, waitFor } = renderCard();
    await waitFor(() => expect(find(LoadingSpinner).props.label).toBe('Researching Northwind Logistics Ltd'));
    await waitFor(() => findByTestId(Flex, 'report'));
    expect(polls()).toHaveLength(2);
    expect(posts()).toHaveLength(1);
  });

  it('stops after a bounded number of polls, and checks again on request without starting over', async () => {
    fake.on('POST', '/v1/research', { status: 202, body: pending });
    fake.on('GET', reportPath, { status: 200, body: { ...pending, status: 'running' } });
    const { find, findByTestId, waitFor } = renderCard();
    await waitFor(() => expect(find(Alert).props.title).toBe('Still researching'), { timeoutInMs: 2_000 });
    expect(polls()).toHaveLength(TIMING.maxPolls);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(polls()).toHaveLength(TIMING.maxPolls);
    fake.on('GET', reportPath, { status: 200, body: researchReportExample });
    findByTestId(Button, 'keep-waiting').trigger('onClick');
    await waitFor(() => findByTestId(Flex, 'report'));
    expect(posts()).toHaveLength(1);
  });

  it('carries on through a failed poll', async () => {
    fake.on('POST', '/v1/research', { status: 202, body: pending });
    let answered = 0;
    fake.on('GET', reportPath, () =>
      ++answered === 1 ? 'network-error' : { status: 200, body: researchReportExample },
    );
    const { findByTestId, waitFor } = renderCard();
    await waitFor(() => findByTestId(Flex, 'report'));
    expect(answered).toBe(2);
  });

  it('says when the research failed and tries again afresh', async () => {
    fake.on('POST', '/v1/research', {
      status: 200,
      body: { ...pending, status: 'failed', error: 'The company website could not be read.' },
    });
    const { find, findByTestId, waitFor } = renderCard();
    await waitFor(() => expect(find(Alert).text).toBe('The company website could not be read.'));
    fake.on('POST', '/v1/research', { status: 200, body: researchReportExample });
    findByTestId(Button, 'research-again').trigger('onClick');
    await waitFor(() => findByTestId(Flex, 'report'));
    expect(posts()[1]!.body).toEqual({ companyId: companyExample.id, refresh: true });
  });

  it('words a failed report without a reason plainly', async () => {
    fake.on('POST', '/v1/research', { status: 200, body: { ...pending, status: 'failed', error: null } });
    const { find, waitFor } = renderCard();
    await waitFor(() => expect(find(Alert).text).toBe(RESEARCH_FAILED));
  });

  it('researches again when asked, with refresh set', async () => {
    const { findByTestId, waitFor } = renderCard();
    await waitFor(() => findByTestId(Button, 'refresh'));
    fake.on('POST', '/v1/research', { status: 202, body: pending });
    findByTestId(Button, 'refresh').trigger('onClick');
    await waitFor(() => findByTestId(Flex, 'researching'));
    await waitFor(() => findByTestId(Flex, 'report'));
    expect(posts().map((call) => call.body)).toEqual([
      { companyId: companyExample.id, refresh: false },
      { companyId: companyExample.id, refresh: true },
    ]);
  });

  it.each([
    ['network-error' as const, UNREACHABLE],
    [{ status: 403, body: {} }, NOT_INSTALLED],
    [{ status: 429, body: {} }, BUSY],
    [{ status: 500, body: {} }, UNREACHABLE],
  ])('shows a failed request in plain words with a retry (%j)', async (answer, message) => {
    fake.on('POST', '/v1/research', answer);
    const { find, findByTestId, waitFor } = renderCard();
    await waitFor(() => expect(find(Alert).text).toBe(message));
    fake.on('POST', '/v1/research', { status: 200, body: researchReportExample });
    findByTestId(Button, 'retry').trigger('onClick');
    await waitFor(() => findByTestId(Flex, 'report'));
  });

  it('stops polling when the account is disconnected mid-way', async () => {
    fake.on('POST', '/v1/research', { status: 202, body: pending });
    fake.on('GET', reportPath, { status: 403, body: {} });
    const { find, waitFor } = renderCard();
    await waitFor(() => expect(find(Alert).text).toBe(NOT_INSTALLED));
    const count = polls().length;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(polls()).toHaveLength(count);
  });

  it('stops polling when the card goes away', async () => {
    fake.on('POST', '/v1/research', { status: 202, body: pending });
    fake.on('GET', reportPath, { status: 200, body: pending });
    const { findByTestId } = renderCard();
    await until(() => polls().length >= 1);
    findByTestId(Button, 'leave').trigger('onClick');
    rendered.pop();
    const count = polls().length;
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(polls().length).toBeLessThanOrEqual(count + 1);
  });

  it('says the company is not synced yet, and finds it later on request', async () => {
    fake.on('GET', '/v1/companies', { status: 200, body: { data: [], nextCursor: null } });
    const { find, findByTestId, waitFor } = renderCard();
    await waitFor(() => expect(textOf(find(EmptyState))).toBe(COMPANY_NOT_SYNCED));
    expect(posts()).toHaveLength(0);
    fake.on('GET', '/v1/companies', { status: 200, body: { data: [companyExample], nextCursor: null } });
    findByTestId(Button, 'check-again').trigger('onClick');
    await waitFor(() => findByTestId(Flex, 'report'));
  });
});
