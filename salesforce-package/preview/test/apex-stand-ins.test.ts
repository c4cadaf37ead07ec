import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { jest } from '@jest/globals';
import { forceAppDir, previewDir } from './support/build.ts';

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
const admin = await import('../src/platform/apex/SdrAdminController.js');
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

// ---- Every @AuraEnabled method has its stand-in, taking the parameters Lightning passes by the Apex names.

const classesDir = path.join(forceAppDir, 'main', 'default', 'classes');
const apexDir = path.join(previewDir, 'src', 'platform', 'apex');

/** `{ method: [parameter names] }` of a class's @AuraEnabled methods, read from its source. */
function auraEnabledMethods(source: string): Record<string, string[]> {
  const methods: Record<string, string[]> = {};
  for (const match of source.matchAll(
    /@AuraEnabled(?:\([^)]*\))?\s+public\s+static\s+[\w<>, ]+?\s(\w+)\s*\(([^)]*)\)/g,
  )) {
    methods[match[1]!] =
      match[2]!.trim() === '' ? [] : match[2]!.split(',').map((param) => param.trim().split(/\s+/).pop()!);
  }
  return methods;
}

/** `{ method: [parameter names] }` of a stand-in's exported functions: none, or one object destructured by name. */
function standInMethods(source: string): Record<string, string[]> {
  const methods: Record<string, string[]> = {};
  for (const match of source.matchAll(/export\s+(?:async\s+)?function\s+(\w+)\s*\(([^)]*)\)/g)) {
    const params = match[2]!.trim();
    const names = /^\{([^}]*)\}$/.exec(params);
    methods[match[1]!] = params === '' ? [] : names ? names[1]!.split(',').map((name) => name.trim()) : [params];
  }
  return methods;
}

const controllers = readdirSync(classesDir)
  .filter((file) => file.endsWith('.cls'))
  .map((file) => ({
    name: file.replace(/\.cls$/, ''),
    methods: auraEnabledMethods(readFileSync(path.join(classesDir, file), 'utf8')),
  }))
  .filter((apexClass) => Object.keys(apexClass.methods).length > 0);

test('the classes with @AuraEnabled methods are the controllers the stand-ins stand in for', () => {
  expect(controllers.map((apexClass) => apexClass.name).sort()).toEqual([
    'SdrAdminController',
    'SdrBattlecardController',
    'SdrLeadQueueController',
    'SdrLiveCallController',
    'SdrResearchController',
    'SdrScoreController',
  ]);
});

test.each(controllers)(
  '$name: each @AuraEnabled method is exported by its stand-in, with the same parameters',
  ({ name, methods }) => {
    const standIn = standInMethods(readFileSync(path.join(apexDir, `${name}.js`), 'utf8'));
    expect(standIn).toEqual(methods);
  },
);

// ---- SdrAdminController

const jsonOf = (request: { init: RequestInit }) => JSON.parse(request.init.body as string);
const sent = () => requests.map((request) => `${request.init.method} ${request.url}`);

test('admin reads: the service answer wrapped as {"status":"ok","data"}, from the endpoint the class reads', async () => {
  const reads: [() => Promise<string>, string][] = [
    [() => admin.getConnection(), '/v1/crm/connection'],
    [() => admin.getSettings(), '/v1/settings'],
    [() => admin.listModels(), '/v1/models'],
    [() => admin.listRuleSets(), '/v1/routing/rule-sets'],
    [() => admin.listUsers(), '/v1/users'],
    [() => admin.listCompetitors(), '/v1/competitors'],
    [() => admin.listBattlecards({ competitorId: null }), '/v1/battlecards'],
    [() => admin.listBattlecards({ competitorId: 'c 1' }), '/v1/battlecards?competitorId=c%201'],
    [() => admin.getFieldMapping(), '/v1/settings/field-mapping'],
    [() => admin.describeCrmFields({ objectKind: 'deal' }), '/v1/crm/fields/deal'],
  ];
  for (const [call, url] of reads) {
    requests.length = 0;
    answers = [{ status: 200, body: { data: [{ id: 'x' }] } }];
    expect(await call()).toBe(JSON.stringify({ status: 'ok', data: { data: [{ id: 'x' }] } }));
    expect(sent()).toEqual([`GET ${url}`]);
    const headers = requests[0]!.init.headers as Record<string, string>;
    expect(headers.Authorization).toBe('Bearer sdr_test_key_123456');
    expect(headers['X-SDR-Salesforce-User']).toBe('0055g00000HcLrkAAF');
  }
});

test('admin reads: any failure is thrown in words, the service detail included (a 409 too, as Apex reads it)', async () => {
  answers = [{ status: 409, body: { status: 409, detail: 'No CRM is connected yet' } }];
  await expect(admin.describeCrmFields({ objectKind: 'lead' })).rejects.toMatchObject({
    body: { message: 'No CRM is connected yet' },
  });
  answers = [{ status: 503, body: {} }];
  await expect(admin.getSettings()).rejects.toMatchObject({
    body: { message: 'The SDR service cannot be reached right now. Try again in a minute.' },
  });
  answers = [{ status: 200, body: [1, 2] }];
  await expect(admin.listUsers()).rejects.toMatchObject({
    body: { message: 'The SDR service cannot be reached right now. Try again in a minute.' },
  });
});

test('admin writes: the method, path and body the class sends, and the answer as {"status":"ok","data"}', async () => {
  const writes: [() => Promise<string>, string, unknown][] = [
    [
      () => admin.saveSettings({ patchJson: '{"scoring":{"evTiers":{"hot":75}}}' }),
      'PATCH /v1/settings',
      { scoring: { evTiers: { hot: 75 } } },
    ],
    [() => admin.promoteModel({ version: '2026-11-24.1' }), 'POST /v1/models/2026-11-24.1/promote', {}],
    [
      () => admin.saveRuleSet({ bodyJson: '{"rules":[],"activate":true}' }),
      'POST /v1/routing/rule-sets',
      { rules: [], activate: true },
    ],
    [() => admin.activateRuleSet({ version: 3 }), 'POST /v1/routing/rule-sets/3/activate', {}],
    [
      () => admin.simulateRouting({ bodyJson: '{"rules":[],"leads":500}' }),
      'POST /v1/routing/simulate',
      { rules: [], leads: 500 },
    ],
    [() => admin.saveUser({ userJson: '{"email":"a@b.co"}' }), 'PUT /v1/users', { email: 'a@b.co' }],
    [
      () => admin.saveCompetitor({ competitorId: null, bodyJson: '{"name":"Acme"}' }),
      'POST /v1/competitors',
      { name: 'Acme' },
    ],
    [
      () => admin.saveCompetitor({ competitorId: 'c1', bodyJson: '{"name":"Acme"}' }),
      'PATCH /v1/competitors/c1',
      { name: 'Acme' },
    ],
    [
      () => admin.saveBattlecard({ battlecardId: '', bodyJson: '{"title":"Us vs Acme"}' }),
      'POST /v1/battlecards',
      { title: 'Us vs Acme' },
    ],
    [
      () => admin.saveBattlecard({ battlecardId: 'b1', bodyJson: '{"title":"Us vs Acme"}' }),
      'PATCH /v1/battlecards/b1',
      { title: 'Us vs Acme' },
    ],
    [() => admin.saveFieldMapping({ bodyJson: '{"features":[]}' }), 'PUT /v1/settings/field-mapping', { features: [] }],
  ];
  for (const [call, request, body] of writes) {
    requests.length = 0;
    answers = [{ status: 200, body: { id: 'saved' } }];
    expect(await call()).toBe(JSON.stringify({ status: 'ok', data: { id: 'saved' } }));
    expect(sent()).toEqual([request]);
    expect(jsonOf(requests[0]!)).toEqual(body);
    expect((requests[0]!.init.headers as Record<string, string>)['Content-Type']).toBe('application/json');
  }
});

test('admin writes: a refusal (400, 409, 422) is answered as "invalid" with the service problems by field', async () => {
  for (const status of [400, 409, 422]) {
    answers = [
      {
        status,
        body: {
          detail: 'body.scoring.evTiers.hot: hot must be above warm',
          errors: [{ field: 'body.scoring.evTiers.hot', message: 'hot must be above warm' }, { field: 7 }],
        },
      },
    ];
    expect(JSON.parse(await admin.saveSettings({ patchJson: '{"scoring":{"evTiers":{"hot":30}}}' }))).toEqual({
      status: 'invalid',
      message: 'body.scoring.evTiers.hot: hot must be above warm',
      errors: [{ field: 'body.scoring.evTiers.hot', message: 'hot must be above warm' }],
    });
  }
  // Without a detail, the message Apex falls back on; a refusal with no problems still has its (empty) list.
  answers = [{ status: 409, body: {} }];
  expect(JSON.parse(await admin.activateRuleSet({ version: 2 }))).toEqual({
    status: 'invalid',
    message: 'The SDR service could not accept this request.',
    errors: [],
  });
});

test('admin writes: other failures are thrown in words, as the class throws them', async () => {
  answers = [{ status: 404, body: { detail: 'No model version 2026-01-01.9' } }];
  await expect(admin.promoteModel({ version: '2026-01-01.9' })).rejects.toMatchObject({
    body: { message: 'No model version 2026-01-01.9' },
  });
  answers = [{ status: 401, body: {} }];
  await expect(admin.saveUser({ userJson: '{}' })).rejects.toMatchObject({
    body: { message: "The SDR service did not accept this org's key. Ask your Salesforce admin to reconnect it." },
  });
  answers = [{ status: 429, body: {} }];
  await expect(admin.saveRuleSet({ bodyJson: '{}' })).rejects.toMatchObject({
    body: { message: 'The SDR service is busy. Try again in a moment.' },
  });
});

test('admin writes: a body that is not a JSON object, or nothing to change, is refused before anything is sent', async () => {
  for (const patchJson of ['', '  ', 'not json', '[1]', 'null', '3', undefined]) {
    await expect(admin.saveSettings({ patchJson })).rejects.toMatchObject({
      body: { message: 'The console sent something the SDR service cannot read. Reload the page and try again.' },
    });
  }
  for (const version of ['', ' ', null]) {
    await expect(admin.promoteModel({ version })).rejects.toMatchObject({
      body: { message: 'Choose what to change first.' },
    });
  }
  for (const version of [0, -1, 1.5, null, undefined]) {
    await expect(admin.activateRuleSet({ version })).rejects.toMatchObject({
      body: { message: 'Choose what to change first.' },
    });
  }
  for (const objectKind of ['opportunity', 'Lead', '', null]) {
    await expect(admin.describeCrmFields({ objectKind })).rejects.toMatchObject({
      body: { message: 'Choose what to change first.' },
    });
  }
  expect(requests).toHaveLength(0);
});

test('admin ids are one encoded path segment each, as SdrBackend.segment encodes them', async () => {
  answers = [{ status: 200, body: {} }];
  await admin.promoteModel({ version: "v1: it's (new)" });
  expect(requests[0]!.url).toBe('/v1/models/v1%3A%20it%27s%20%28new%29/promote');
});

test('testConnection: a timed round trip; a failure is an answer with the message, not an exception', async () => {
  const connection = { crm: 'salesforce', status: 'not_connected', message: 'Not connected to Salesforce yet.' };
  answers = [{ status: 200, body: connection }];
  const passed = JSON.parse(await admin.testConnection());
  expect(passed).toEqual({ status: 'ok', data: { connection, ok: true, milliseconds: expect.any(Number) } });
  expect(passed.data.milliseconds).toBeGreaterThanOrEqual(0);
  expect(sent()).toEqual(['GET /v1/crm/connection']);

  answers = [{ status: 401, body: {} }];
  expect(JSON.parse(await admin.testConnection())).toEqual({
    status: 'ok',
    data: {
      ok: false,
      message: "The SDR service did not accept this org's key. Ask your Salesforce admin to reconnect it.",
      milliseconds: expect.any(Number),
    },
  });
});
