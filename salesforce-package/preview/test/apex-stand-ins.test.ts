import { jest } from '@jest/globals';

// The Apex stand-ins answer what their classes answer: the same JSON text and states, and failures in the shape
// Lightning gives an AuraHandledException. fetch is replaced; each test says what the service answers.

type Answer = { status: number; body: unknown };
const storage = new Map<string, string>([['sdr-preview-key', 'sdr_test_key_123456']]);
Object.assign(globalThis, {
  window: {
    sessionStorage: {
      getItem: (key: string) => storage.get(key) ?? null,
      setItem: (key: string, value: string) => storage.set(key, value),
      removeItem: (key: string) => storage.delete(key),
    },
  },
});

const requests: { url: string; init: RequestInit }[] = [];
let answers: Answer[] = [];
globalThis.fetch = jest.fn(async (url: string | URL | Request, init?: RequestInit) => {
  requests.push({ url: String(url), init: init ?? {} });
  const answer = answers.shift() ?? { status: 500, body: {} };
  return new Response(JSON.stringify(answer.body), { status: answer.status });
}) as typeof fetch;

const { getScore } = await import('../src/platform/apex/SdrScoreController.js');
const { getCardsInPlay, searchCards } = await import('../src/platform/apex/SdrBattlecardController.js');
const { getLiveCall, getEvents } = await import('../src/platform/apex/SdrLiveCallController.js');
const { getMyQueue } = await import('../src/platform/apex/SdrLeadQueueController.js');
const { getResearch, getReport, chooseRegisterEntry } = await import('../src/platform/apex/SdrResearchController.js');
const { setRunningUser } = await import('../src/platform/session.js');

const LEAD = '00Q5g00000AbCdEEAZ';
const lead = { id: '5d0c2a9e-3b7f-4e61-8a52-0f9d6c1b2e34' };

beforeEach(() => {
  requests.length = 0;
  answers = [];
  setRunningUser({ id: 'u1', crmUserId: '0055g00000HcLrkAAF', name: 'Hannah' });
});

test('getScore: the lead found by its Salesforce id, and its score wrapped as the controller wraps it', async () => {
  answers = [
    { status: 200, body: { data: [lead] } },
    { status: 200, body: { ev: 83 } },
  ];
  expect(JSON.parse(await getScore({ recordId: LEAD }))).toEqual({ status: 'scored', score: { ev: 83 } });
  expect(requests.map((request) => request.url)).toEqual([
    `/v1/leads?crmId=${LEAD}&limit=1`,
    `/v1/leads/${lead.id}/score`,
  ]);
  const headers = requests[0]!.init.headers as Record<string, string>;
  expect(headers.Authorization).toBe('Bearer sdr_test_key_123456');
  expect(headers['X-SDR-Salesforce-User']).toBe('0055g00000HcLrkAAF');
});

test('getScore: not_synced without a lead, and a record of another object refused in words', async () => {
  answers = [{ status: 200, body: { data: [] } }];
  expect(JSON.parse(await getScore({ recordId: LEAD }))).toEqual({ status: 'not_synced' });
  await expect(getScore({ recordId: '0065g00000AbCdEEAZ' })).rejects.toMatchObject({
    body: { message: 'Scores are shown on leads and contacts.' },
  });
});

test('getCardsInPlay: 404 is not_synced; searchCards refuses empty words before asking', async () => {
  answers = [{ status: 404, body: { detail: 'No record with this crmId' } }];
  expect(JSON.parse(await getCardsInPlay({ recordId: LEAD }))).toEqual({ status: 'not_synced' });
  await expect(searchCards({ query: '  ' })).rejects.toMatchObject({
    body: { message: 'Type a few words to search the battlecards.' },
  });
  expect(requests).toHaveLength(1);
});

test('getLiveCall: no_call without a live call; live with the call and a token', async () => {
  answers = [
    { status: 200, body: { data: [lead] } },
    { status: 200, body: { data: [] } },
  ];
  expect(JSON.parse(await getLiveCall({ recordId: LEAD }))).toEqual({ status: 'no_call' });
  const call = { id: '91c4e8a2-3d7b-4f05-a6e9-b2d0c5f8a147', status: 'live' };
  answers = [
    { status: 200, body: { data: [lead] } },
    { status: 200, body: { data: [call] } },
    { status: 201, body: { token: 't', streamUrl: '/v1/calls/x/events?token=t' } },
  ];
  expect(JSON.parse(await getLiveCall({ recordId: LEAD }))).toMatchObject({
    status: 'live',
    call,
    token: { token: 't' },
  });
});

test('getEvents: a bad call id or cursor is refused as the controller refuses it; the wait is 8 s', async () => {
  await expect(getEvents({ callId: 'nope', cursor: null })).rejects.toMatchObject({
    body: { message: 'This call cannot be shown. Reload the page to try again.' },
  });
  const callId = '91c4e8a2-3d7b-4f05-a6e9-b2d0c5f8a147';
  await expect(getEvents({ callId, cursor: 'a b' })).rejects.toMatchObject({
    body: { message: 'The transcript lost its place. Reload the page to pick it up again.' },
  });
  answers = [{ status: 200, body: { callId, segments: [] } }];
  await getEvents({ callId, cursor: 'MTI' });
  expect(requests[0]!.url).toBe(`/v1/calls/${callId}/events?cursor=MTI&waitSeconds=8`);
});

test("getMyQueue: the running user's queue; 404 is not_on_roster; a rejected key reads as Apex's message", async () => {
  answers = [{ status: 200, body: { data: [], user: { id: 'u1' } } }];
  expect(JSON.parse(await getMyQueue({ tier: 'hot', status: null }))).toMatchObject({ status: 'ok' });
  expect(requests[0]!.url).toBe('/v1/queue?crmUserId=0055g00000HcLrkAAF&limit=50&tier=hot');
  answers = [{ status: 404, body: {} }];
  expect(JSON.parse(await getMyQueue({ tier: null, status: null }))).toEqual({ status: 'not_on_roster' });
  answers = [{ status: 401, body: {} }];
  await expect(getMyQueue({ tier: null, status: null })).rejects.toMatchObject({
    status: 500,
    body: { message: "The SDR service did not accept this org's key. Ask your Salesforce admin to reconnect it." },
  });
});

const REPORT_ID = '6c0e4a8f-2b5d-4e91-a7c3-f9d1b5e3a826';
const COMPANY_ID = '0b6f6f1e-8f3c-4c1b-9d43-2a1f5e7c9a10';
const report = (status: string) => ({ id: REPORT_ID, companyId: COMPANY_ID, status, facts: [], sources: [] });

test("getResearch: a lead's company researched through the lead, named as the lead names it", async () => {
  answers = [
    { status: 200, body: { data: [{ ...lead, companyId: COMPANY_ID, companyName: 'Northwind Logistics Ltd' }] } },
    { status: 202, body: report('pending') },
  ];
  expect(JSON.parse(await getResearch({ recordId: LEAD, refresh: false }))).toEqual({
    status: 'ok',
    company: { id: COMPANY_ID, name: 'Northwind Logistics Ltd' },
    report: report('pending'),
  });
  expect(requests.map((request) => `${request.init.method} ${request.url}`)).toEqual([
    `GET /v1/leads?crmId=${LEAD}&limit=1`,
    'POST /v1/research',
  ]);
  expect(JSON.parse(requests[1]!.init.body as string)).toEqual({ leadId: lead.id, refresh: false });
});

test('getResearch: an account as its company, a deal as its company; not_synced and no_company', async () => {
  const ACCOUNT = '0015g00000AbCdEEAZ';
  const DEAL = '0065g00000AbCdEEAZ';
  answers = [
    { status: 200, body: { data: [{ id: COMPANY_ID, name: 'Northwind Logistics Ltd' }] } },
    { status: 200, body: report('completed') },
  ];
  expect(JSON.parse(await getResearch({ recordId: ACCOUNT, refresh: true }))).toMatchObject({
    status: 'ok',
    company: { name: 'Northwind Logistics Ltd' },
  });
  expect(requests[0]!.url).toBe(`/v1/companies?crmId=${ACCOUNT}&limit=1`);
  expect(JSON.parse(requests[1]!.init.body as string)).toEqual({ companyId: COMPANY_ID, refresh: true });

  requests.length = 0;
  answers = [
    { status: 200, body: { data: [{ id: 'd1', companyId: COMPANY_ID }] } },
    { status: 200, body: { id: COMPANY_ID, name: 'Northwind Logistics Ltd' } },
    { status: 200, body: report('running') },
  ];
  expect(JSON.parse(await getResearch({ recordId: DEAL, refresh: false }))).toMatchObject({ status: 'ok' });
  expect(requests.map((request) => request.url)).toEqual([
    `/v1/opportunities?crmId=${DEAL}&limit=1`,
    `/v1/companies/${COMPANY_ID}`,
    '/v1/research',
  ]);

  answers = [{ status: 200, body: { data: [] } }];
  expect(JSON.parse(await getResearch({ recordId: ACCOUNT, refresh: false }))).toEqual({ status: 'not_synced' });
  answers = [{ status: 200, body: { data: [{ id: 'd1', companyId: null }] } }];
  expect(JSON.parse(await getResearch({ recordId: DEAL, refresh: false }))).toEqual({ status: 'no_company' });
  answers = [
    { status: 200, body: { data: [lead] } },
    {
      status: 422,
      body: {
        detail: 'This lead has no company',
        errors: [{ field: 'body.leadId', message: 'the lead has no company' }],
      },
    },
  ];
  expect(JSON.parse(await getResearch({ recordId: LEAD, refresh: false }))).toEqual({ status: 'no_company' });
  await expect(getResearch({ recordId: '0055g00000HcLrkAAF', refresh: false })).rejects.toMatchObject({
    body: { message: 'Company research is shown on leads, contacts, accounts and opportunities.' },
  });
});

test('getReport: by its id, refused for an id of another shape, and gone on 404', async () => {
  answers = [{ status: 200, body: report('completed') }];
  expect(JSON.parse(await getReport({ reportId: REPORT_ID }))).toEqual({ status: 'ok', report: report('completed') });
  expect(requests[0]!.url).toBe(`/v1/research/${REPORT_ID}`);
  await expect(getReport({ reportId: '../companies' })).rejects.toMatchObject({
    body: { message: 'This report cannot be shown. Refresh the research to start again.' },
  });
  answers = [{ status: 404, body: {} }];
  await expect(getReport({ reportId: REPORT_ID })).rejects.toMatchObject({
    body: { message: 'This report is no longer there. Refresh the research to start again.' },
  });
});

test('chooseRegisterEntry: the choice put on the company, then the company researched again', async () => {
  answers = [
    { status: 200, body: { data: [{ ...lead, companyId: COMPANY_ID, companyName: 'Northwind Logistics Ltd' }] } },
    { status: 200, body: { companyNumber: '08123456' } },
    { status: 202, body: report('pending') },
  ];
  expect(JSON.parse(await chooseRegisterEntry({ recordId: LEAD, companyNumber: '08123456' }))).toMatchObject({
    status: 'ok',
    report: { status: 'pending' },
  });
  expect(requests.map((request) => `${request.init.method} ${request.url}`)).toEqual([
    `GET /v1/leads?crmId=${LEAD}&limit=1`,
    `PUT /v1/companies/${COMPANY_ID}/register-entry`,
    'POST /v1/research',
  ]);
  expect(JSON.parse(requests[1]!.init.body as string)).toEqual({ companyNumber: '08123456' });
  expect(JSON.parse(requests[2]!.init.body as string)).toEqual({ companyId: COMPANY_ID, refresh: true });
  await expect(chooseRegisterEntry({ recordId: LEAD, companyNumber: 'not a number' })).rejects.toMatchObject({
    body: { message: 'Choose one of the companies listed.' },
  });
  expect(requests).toHaveLength(3);
});
