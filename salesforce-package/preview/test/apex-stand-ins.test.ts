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
