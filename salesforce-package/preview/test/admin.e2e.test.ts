import type { Browser, Locator, Page } from 'playwright-core';
import { demoInBrowser, type DemoInBrowser } from '../../../backend/test/support/demo-in-browser.ts';
import { apiClient, type ApiClient } from './support/api.ts';
import { buildPreview } from './support/build.ts';
import { docsShot } from './support/docs-screenshots.ts';

// The SDR Admin tab end to end: the package's admin console compiled into the preview, its Apex calls made by the
// SdrAdminController stand-in against the service with the demo tenant, driven in Debian's Chromium. What the page
// shows is checked against what the API says; what the page saves is read back through the API. Waits are for
// conditions, with room for a busy two-core machine. The pictures are the admin guide's (docs/admin-guide.md).

const SHOWS = 60_000;
const JOB = 120_000;

interface Job {
  id: string;
  state: string;
  output: unknown;
}
interface Settings {
  scoring: {
    evTiers: { hot: number; warm: number };
    conversionWindowDays: number;
    defaultDealValue: number;
    coldStartMinOutcomes: number;
    currency: string;
    icpWeights: { attribute: string; value: unknown; weight: number }[];
  };
}
interface Model {
  version: string;
  kind: string;
  status: string;
  metrics: { rocAuc: number; calibration: unknown[] } | null;
}
const MODEL_STATUS: Record<string, string> = { active: 'Active', candidate: 'Candidate', retired: 'Retired' };
interface Rule {
  id: string;
  name: string;
  conditions: unknown[];
  target: unknown;
  skills: string[];
  slaMinutes: number | null;
}
interface RuleSet {
  version: number;
  active: boolean;
  rules: Rule[];
}
interface Simulation {
  leads: number;
  moved: number;
  byRule: { ruleId: string | null; name: string; leads: number }[];
  distribution: { userId: string | null; name: string; current: number; proposed: number }[];
}
interface User {
  id: string;
  crmUserId: string | null;
  email: string;
  name: string;
  role: string;
  capacity: number;
  dailyCap: number;
  weight: number;
  active: boolean;
}
interface Competitor {
  id: string;
  name: string;
}
interface Battlecard {
  id: string;
  title: string;
  version: number;
  sections: { key: string; title: string }[];
}
interface FieldMappingView {
  objects: Record<string, { crmObject: string; fields: Record<string, string | null> }>;
  scores: Record<string, Record<string, string | null>>;
}
interface Problem {
  status: number;
  detail: string;
  errors?: { field: string; message: string }[];
}
type List<T> = { data: T[] };

let demo: DemoInBrowser;
let server: DemoInBrowser['server'];
let api: ApiClient;
let browser: Browser;
let page: Page;
let trainedVersion: string;
const pageErrors: { text: string; url: string }[] = [];
// Every answer of 400 or more the page received, as `METHOD path STATUS`.
const refusals: string[] = [];

/** A request the service is expected to refuse, answered with its problem document. */
async function refused(method: string, apiPath: string, body?: unknown): Promise<Problem> {
  const response = await fetch(new URL(apiPath, server.url), {
    method,
    headers: { Authorization: `Bearer ${server.demoKey}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.status).toBeGreaterThanOrEqual(400);
  return (await response.json()) as Problem;
}

/** Starts a job through the API, as an admin (or `sf sdr`) would, and waits until it has completed. */
async function runJob(apiPath: string): Promise<Job> {
  const { job } = await api.post<{ job: Job }>(apiPath, {});
  const deadline = Date.now() + JOB;
  for (;;) {
    const now = await api.get<Job>(`/v1/jobs/${job.id}`);
    if (now.state === 'completed') return now;
    if (now.state === 'failed' || Date.now() > deadline) throw new Error(`${apiPath}: ${JSON.stringify(now)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const consoleCard = () => page.locator('c-sdr-admin-console');

async function openTab(label: string, content: string): Promise<Locator> {
  await consoleCard().getByRole('tab', { name: label, exact: true }).click();
  const section = page.locator(content);
  await section.locator('section > *').first().waitFor({ timeout: SHOWS });
  return section;
}

/** What an input shows, numbers without their grouping (lightning-input shows 25000 as 25,000). */
async function numberIn(input: Locator): Promise<number> {
  return Number((await input.inputValue()).replace(/,/g, ''));
}

/** Toasts close by themselves after 4 s; closing them keeps them out of the pictures that follow. */
async function closeToasts() {
  const close = page.locator('preview-toasts .slds-notify__close');
  while ((await close.count()) > 0) await close.first().click();
}

/**
 * A picture for the guide: a click on the page's margin first, so no field shows its focus ring and no row its hover
 * colour; a whole-page picture shows the top of the page, console tabs included.
 */
async function shoot(target: Page | Locator, name: string) {
  if (target === page) await page.evaluate(() => window.scrollTo(0, 0));
  await page.mouse.click(1, 990);
  await docsShot(target, name);
}

/** A lightning-combobox's trigger, which shows the chosen option. */
const comboboxButton = (combobox: Locator) => combobox.locator('button[role="combobox"]');

beforeAll(async () => {
  await buildPreview();

  demo = await demoInBrowser();
  ({ server, browser } = demo);
  api = apiClient(server.url, server.demoKey);
  // The demo holds outcomes but no learnt model: an admin trains one (the first is promoted at once) and rescores the
  // leads with it, so the Scoring tab has a model to show and the routing preview each lead's tier by that model.
  const trained = await runJob('/v1/models/train');
  expect(trained.output).toMatchObject({ promoted: true });
  // A version to roll back to: the ICP rules the demo was scored with before, else a second training.
  if ((await api.get<List<Model>>('/v1/models')).data.length < 2) await runJob('/v1/models/train');
  const active = (await api.get<List<Model>>('/v1/models')).data.filter((model) => model.status === 'active');
  expect(active.map((model) => model.kind)).toEqual(['gbm']);
  trainedVersion = active[0]!.version;
  await runJob('/v1/scores/rescore-all');

  page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  page.on('pageerror', (error) => pageErrors.push({ text: `pageerror: ${error.message}`, url: '' }));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push({ text: message.text(), url: message.location().url });
  });
  page.on('response', (response) => {
    if (response.status() >= 400) {
      refusals.push(`${response.request().method()} ${new URL(response.url()).pathname} ${response.status()}`);
    }
  });
  await page.goto(`${server.url}/preview?page=admin#key=${server.demoKey}`);
});

afterAll(() => demo?.close());

test("the admin page opens as the roster's manager, with the key out of the address bar", async () => {
  await consoleCard().locator('.status').waitFor({ timeout: SHOWS });
  expect(page.url()).not.toContain('key=');
  expect(new URL(page.url()).search).toBe('?page=admin');
  const users = (await api.get<List<User>>('/v1/users')).data.filter((user) => user.crmUserId);
  const admin = users.find((user) => user.role === 'admin') ?? users.find((user) => user.role === 'manager');
  expect(admin?.role).toBe('manager');
  await expect(page.locator('.running-user').textContent()).resolves.toBe(admin!.name);
  await expect(page.locator('.admin-tab').getAttribute('aria-current')).resolves.toBe('page');
  await expect(page.locator('.record-tab').getAttribute('aria-current')).resolves.toBeNull();
  await expect(page.locator('.record-tab').getAttribute('href')).resolves.toBe('/preview');
});

test('Connection: the demo has no CRM connected, in the words the service uses, and the test times a round trip', async () => {
  const section = page.locator('c-sdr-admin-connection');
  const connection = await api.get<{
    crm: string;
    status: string;
    message: string;
    apiUsage: unknown;
    pendingWriteBacks: number;
    failedWriteBacks: number;
  }>('/v1/crm/connection');
  expect(connection).toMatchObject({ crm: 'salesforce', status: 'not_connected', apiUsage: null });
  await expect(section.locator('.status').textContent()).resolves.toBe('Not connected');
  await expect(section.locator('.status-message').textContent()).resolves.toBe(connection.message);
  expect(connection.message).toMatch(/^Not connected to Salesforce yet/);
  await expect(section.locator('.crm').textContent()).resolves.toBe('Salesforce');
  await expect(section.locator('.api-usage').textContent()).resolves.toBe('Not known');
  await expect(section.locator('.write-backs').textContent()).resolves.toBe(
    `${connection.pendingWriteBacks} waiting, ${connection.failedWriteBacks} failed`,
  );
  await expect(section.locator('.failed-write-backs').count()).resolves.toBe(0);

  await section.locator('lightning-button.test-button button').click();
  const passed = section.locator('.test-passed');
  await passed.waitFor({ timeout: SHOWS });
  await expect(passed.textContent()).resolves.toMatch(/^The SDR service answered in \d+ ms\.$/);
  await expect(section.locator('.test-failed').count()).resolves.toBe(0);
  await shoot(consoleCard(), 'admin-connection');
});

test('Scoring: the thresholds shown are the settings the service holds, and the model with its calibration', async () => {
  const section = await openTab('Scoring', 'c-sdr-admin-scoring');
  await section.locator('lightning-input.hot input').waitFor({ timeout: SHOWS });
  const { scoring } = await api.get<Settings>('/v1/settings');
  await expect(numberIn(section.locator('lightning-input.hot input'))).resolves.toBe(scoring.evTiers.hot);
  await expect(numberIn(section.locator('lightning-input.warm input'))).resolves.toBe(scoring.evTiers.warm);
  await expect(numberIn(section.locator('lightning-input.window input'))).resolves.toBe(scoring.conversionWindowDays);
  await expect(numberIn(section.locator('lightning-input.deal-value input'))).resolves.toBe(scoring.defaultDealValue);
  await expect(numberIn(section.locator('lightning-input.cold-start input'))).resolves.toBe(
    scoring.coldStartMinOutcomes,
  );
  await expect(section.locator('lightning-input.deal-value label').textContent()).resolves.toContain(
    `(${scoring.currency})`,
  );
  expect(scoring.icpWeights).toEqual([]);
  await expect(section.locator('.no-icp').count()).resolves.toBe(1);

  const models = (await api.get<List<Model>>('/v1/models')).data;
  expect(models.length).toBeGreaterThanOrEqual(2);
  const model = models.find((one) => one.status === 'active')!;
  expect(model.version).toBe(trainedVersion);
  const rows = section.locator('.model-row');
  await expect(rows.locator('.model-version').allTextContents()).resolves.toEqual(models.map((one) => one.version));
  await expect(rows.locator('.model-status').allTextContents()).resolves.toEqual(
    models.map((one) => MODEL_STATUS[one.status]),
  );
  await expect(rows.locator('.roc-auc').allTextContents()).resolves.toEqual(
    models.map((one) => (one.metrics ? one.metrics.rocAuc.toFixed(3) : '–')),
  );
  // Every version but the active one can be made active.
  await expect(
    section.locator('lightning-button.promote').evaluateAll((buttons) => buttons.map((b) => b.dataset.version)),
  ).resolves.toEqual(models.filter((one) => one.status !== 'active').map((one) => one.version));
  // The chart shows the active model's calibration.
  const chart = section.locator('c-sdr-admin-calibration-chart');
  await expect(chart.locator('figcaption').textContent()).resolves.toBe(`Calibration of model ${model!.version}`);
  await expect(chart.locator('circle.point').count()).resolves.toBe(model!.metrics!.calibration.length);
  await expect(chart.locator('table.bins tbody tr').count()).resolves.toBe(model!.metrics!.calibration.length);
});

test('Scoring: an earlier model is made active (a rollback), then the trained one again', async () => {
  const section = page.locator('c-sdr-admin-scoring');
  const earlier = (await api.get<List<Model>>('/v1/models')).data.find((one) => one.status !== 'active')!;
  for (const version of [earlier.version, trainedVersion]) {
    await section.locator(`lightning-button.promote[data-version="${version}"] button`).click();
    await page.locator('preview-toasts .toast-title', { hasText: `Model ${version} is now active` }).waitFor({
      timeout: SHOWS,
    });
    const models = (await api.get<List<Model>>('/v1/models')).data;
    expect(models.filter((one) => one.status === 'active').map((one) => one.version)).toEqual([version]);
    const row = section.locator('.model-row', { has: page.locator('.model-version', { hasText: version }) });
    await expect(row.locator('.model-status').textContent()).resolves.toBe('Active');
    await expect(row.locator('lightning-button.promote').count()).resolves.toBe(0);
  }
  await closeToasts();
});

test('Scoring: a changed threshold and a new ICP rule are saved, and the service holds them', async () => {
  const section = page.locator('c-sdr-admin-scoring');
  await section.locator('lightning-input.hot input').fill('75');
  await section.locator('lightning-button.icp-add button').click();
  const row = section.locator('.icp-row').last();
  await row.locator('lightning-input.icp-attribute input').fill('company.employees');
  await row.locator('lightning-input.icp-value input').fill('100..2000');
  await row.locator('lightning-input.icp-weight input').fill('15');
  await section.locator('.unsaved').waitFor({ timeout: SHOWS });
  await shoot(section, 'admin-scoring');

  await section.locator('lightning-button.save button').click();
  await page.locator('preview-toasts .toast-title', { hasText: 'Scoring settings saved' }).waitFor({ timeout: SHOWS });
  await section.locator('.unsaved').waitFor({ state: 'detached', timeout: SHOWS });
  const { scoring } = await api.get<Settings>('/v1/settings');
  expect(scoring.evTiers).toEqual({ hot: 75, warm: 40 });
  expect(scoring.icpWeights).toEqual([{ attribute: 'company.employees', value: [100, 2000], weight: 15 }]);
  // The form shows what the service answered.
  await expect(numberIn(section.locator('lightning-input.hot input'))).resolves.toBe(75);
  await expect(section.locator('.icp-row lightning-input.icp-value input').inputValue()).resolves.toBe('100..2000');
  await closeToasts();
});

test('Scoring: a save the service refuses shows its words beside the field, and nothing changes', async () => {
  const section = page.locator('c-sdr-admin-scoring');
  const problem = await refused('PATCH', '/v1/settings', { scoring: { evTiers: { hot: 30, warm: 40 } } });
  expect(problem.errors).toEqual([{ field: 'body.scoring.evTiers.hot', message: 'hot must be above warm' }]);

  await section.locator('lightning-input.hot input').fill('30');
  await section.locator('lightning-button.save button').click();
  const hotField = section.locator('lightning-input.hot + .field-error');
  await hotField.waitFor({ timeout: SHOWS });
  await expect(hotField.textContent()).resolves.toBe(problem.errors![0]!.message);
  await expect(section.locator('.field-error').count()).resolves.toBe(1);
  await expect(section.locator('c-sdr-admin-form-error .form-error p').textContent()).resolves.toBe(
    'Some values need changing. Each problem is shown beside its value, or listed here.',
  );
  await expect(section.locator('c-sdr-admin-form-error .unplaced-error').count()).resolves.toBe(0);
  await shoot(page, 'admin-scoring-refused');
  expect((await api.get<Settings>('/v1/settings')).scoring.evTiers).toEqual({ hot: 75, warm: 40 });

  await section.locator('lightning-button.reset button').click();
  await expect(numberIn(section.locator('lightning-input.hot input'))).resolves.toBe(75);
  await expect(section.locator('.field-error').count()).resolves.toBe(0);
});

test('Routing: the rule set versions, the active one marked, and its rules in order in the editor', async () => {
  const section = await openTab('Routing', 'c-sdr-admin-routing');
  await section.locator('.version-row').first().waitFor({ timeout: SHOWS });
  const ruleSets = (await api.get<List<RuleSet>>('/v1/routing/rule-sets')).data;
  const active = ruleSets.find((set) => set.active)!;
  expect(active.rules.length).toBeGreaterThan(3);
  await expect(section.locator('.version-row .version').allTextContents()).resolves.toEqual(
    ruleSets.map((set) => String(set.version)),
  );
  await expect(section.locator('.version-row .version-status').allTextContents()).resolves.toEqual(
    ruleSets.map((set) => (set.active ? 'Active' : '')),
  );
  await expect(section.locator('.editing').textContent()).resolves.toContain(
    `Editing a copy of version ${active.version}.`,
  );
  await expect(section.locator('.rule').count()).resolves.toBe(active.rules.length);
  const names = await section
    .locator('.rule lightning-input.rule-name input')
    .evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
  expect(names).toEqual(active.rules.map((rule) => rule.name));
  // A rule without conditions takes every lead.
  const everyLead = active.rules.findIndex((rule) => rule.conditions.length === 0);
  expect(everyLead).toBeGreaterThanOrEqual(0);
  await expect(section.locator('.rule').nth(everyLead).locator('.every-lead').count()).resolves.toBe(1);
  await shoot(page, 'admin-routing');
});

test('Routing: the preview on recent leads shows who would get them, as the service works it out; nothing moves', async () => {
  const section = page.locator('c-sdr-admin-routing');
  await section.locator('lightning-button.preview button').click();
  const simulation = section.locator('c-sdr-admin-simulation');
  await simulation.locator('.summary').waitFor({ timeout: SHOWS });

  const active = (await api.get<List<RuleSet>>('/v1/routing/rule-sets')).data.find((set) => set.active)!;
  const rules = active.rules.map(({ id, name, conditions, target, skills, slaMinutes }) => ({
    id,
    name,
    conditions,
    target,
    skills,
    slaMinutes,
  }));
  const expected = await api.post<Simulation>('/v1/routing/simulate', { rules, leads: 500 });
  expect(expected.leads).toBeGreaterThan(100);
  await expect(simulation.locator('.summary').textContent()).resolves.toMatch(
    new RegExp(
      `^Of the ${expected.leads} latest leads from \\w+ \\d+ to \\w+ \\d+, ${expected.moved} would change owner\\. Nothing has been assigned\\.$`,
    ),
  );
  const rows = simulation.locator('.distribution-row');
  await expect(rows.locator('th').allTextContents()).resolves.toEqual(expected.distribution.map((row) => row.name));
  await expect(rows.locator('td:nth-of-type(1)').allTextContents()).resolves.toEqual(
    expected.distribution.map((row) => String(row.current)),
  );
  await expect(rows.locator('td:nth-of-type(2)').allTextContents()).resolves.toEqual(
    expected.distribution.map((row) => String(row.proposed)),
  );
  await expect(simulation.locator('.rule-row td').allTextContents()).resolves.toEqual(
    expected.byRule.map((rule) => String(rule.leads)),
  );
  // Nothing was assigned: the service still counts the same owners as before the preview.
  const again = await api.post<Simulation>('/v1/routing/simulate', { rules, leads: 500 });
  expect(again.distribution).toEqual(expected.distribution);
  await shoot(simulation, 'admin-simulation');
});

test('Routing: the roster is the one /v1/users holds, and a changed daily cap is saved to it', async () => {
  const roster = page.locator('c-sdr-admin-roster');
  const users = (await api.get<List<User>>('/v1/users')).data;
  await expect(roster.locator('.user-row .user-name').allTextContents()).resolves.toEqual(users.map((u) => u.name));
  await expect(roster.locator('.user-row .user-capacity').allTextContents()).resolves.toEqual(
    users.map((user) => String(user.capacity)),
  );
  await expect(roster.locator('.user-row .user-daily-cap').allTextContents()).resolves.toEqual(
    users.map((user) => String(user.dailyCap)),
  );
  await expect(roster.locator('.user-row .user-weight').allTextContents()).resolves.toEqual(
    users.map((user) => String(user.weight)),
  );
  await expect(roster.locator('.user-row .user-status').allTextContents()).resolves.toEqual(
    users.map((user) => (user.active ? 'Active' : 'Inactive')),
  );

  const sdr = users.find((user) => user.role === 'sdr' && user.active)!;
  await roster.locator(`lightning-button-icon.edit-user[data-id="${sdr.id}"] button`).click();
  await expect(roster.locator('.editor-heading').textContent()).resolves.toBe(`Edit ${sdr.name}`);
  const dailyCap = sdr.dailyCap + 5;
  await roster.locator('lightning-input.daily-cap input').fill(String(dailyCap));
  await shoot(roster, 'admin-roster');
  await roster.locator('lightning-button.save-user button').click();
  await page
    .locator('preview-toasts .toast-title', { hasText: `${sdr.name}'s settings saved` })
    .waitFor({ timeout: SHOWS });
  await roster.locator('.editor').waitFor({ state: 'detached', timeout: SHOWS });
  const saved = (await api.get<List<User>>('/v1/users')).data.find((user) => user.id === sdr.id)!;
  expect(saved.dailyCap).toBe(dailyCap);
  expect({ ...saved, dailyCap: sdr.dailyCap, updatedAt: null }).toEqual({ ...sdr, updatedAt: null });
  const row = roster.locator('.user-row', { has: page.locator('.user-name', { hasText: sdr.name }) });
  await expect(row.locator('.user-daily-cap').textContent()).resolves.toBe(String(dailyCap));
  await closeToasts();
});

test("Battlecards: the competitors are listed, and a competitor's cards open in the editor by section", async () => {
  const section = await openTab('Battlecards', 'c-sdr-admin-battlecards');
  const picker = section.locator('lightning-combobox.competitor-picker');
  await picker.waitFor({ timeout: SHOWS });
  const competitors = (await api.get<List<Competitor>>('/v1/competitors')).data;
  expect(competitors.length).toBeGreaterThan(1);
  await expect(comboboxButton(picker).innerText()).resolves.toBe(competitors[0]!.name);
  await comboboxButton(picker).click();
  await expect(picker.getByRole('option').allInnerTexts()).resolves.toEqual(competitors.map((c) => c.name));
  const samsara = competitors.find((competitor) => competitor.name === 'Samsara')!;
  await picker.getByRole('option', { name: samsara.name, exact: true }).click();

  const cards = (await api.get<List<Battlecard>>(`/v1/battlecards?competitorId=${samsara.id}`)).data;
  expect(cards.length).toBeGreaterThan(0);
  const titles = section.locator('.card-row .card-title');
  await titles.filter({ hasText: cards[0]!.title }).waitFor({ timeout: SHOWS });
  await expect(titles.allTextContents()).resolves.toEqual(cards.map((card) => card.title));
  await expect(section.locator('.card-row .card-version').allTextContents()).resolves.toEqual(
    cards.map((card) => `Version ${card.version}`),
  );
  await expect(section.locator('.aliases').textContent()).resolves.toMatch(/^Also heard as .+\.$/);

  const card = cards[0]!;
  await section.locator(`lightning-button.edit-card[data-id="${card.id}"] button`).click();
  await expect(section.locator('.editor-heading').textContent()).resolves.toBe(
    `Edit ${card.title}, version ${card.version}`,
  );
  const headings = await section
    .locator('.section lightning-input.section-title input')
    .evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
  expect(headings).toEqual(card.sections.map((part) => part.title));
  await shoot(page, 'admin-battlecards');
  await section.locator('lightning-button.discard button').click();
  await section.locator('.editor').waitFor({ state: 'detached', timeout: SHOWS });
});

test('Field mapping: the mapping the service holds, typed by hand since no CRM is connected to list fields', async () => {
  const section = await openTab('Field mapping', 'c-sdr-admin-field-mapping');
  const notice = section.locator('.describe-message');
  await notice.waitFor({ timeout: SHOWS });
  const problem = await refused('GET', '/v1/crm/fields/lead');
  expect(problem).toMatchObject({ status: 409, detail: 'No CRM is connected yet' });
  await expect(notice.textContent()).resolves.toBe(problem.detail);

  const mapping = await api.get<FieldMappingView>('/v1/settings/field-mapping');
  const lead = mapping.objects.lead!;
  const picker = section.locator('lightning-combobox.object-picker');
  await expect(comboboxButton(picker).innerText()).resolves.toBe(`Leads (${lead.crmObject})`);
  const fields = await section
    .locator('lightning-input.field-name-input input')
    .evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
  expect(fields).toEqual(Object.values(lead.fields).map((name) => name ?? ''));
  const scores = await section
    .locator('lightning-input.score-name-input input')
    .evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
  expect(scores).toEqual(
    ['ev', 'evAmount', 'risk', 'urgency', 'reasons', 'scoredAt'].map((s) => mapping.scores.lead![s]),
  );
  await shoot(page, 'admin-field-mapping');

  // A field typed by hand is saved, and the service reads the lead's source from it from now on.
  const source = section.locator('lightning-input.field-name-input[data-name="source"] input');
  await source.fill('Lead_Source_Detail__c');
  await section.locator('lightning-button.save button').click();
  await page.locator('preview-toasts .toast-title', { hasText: 'Field mapping saved' }).waitFor({ timeout: SHOWS });
  const saved = await api.get<FieldMappingView>('/v1/settings/field-mapping');
  expect(saved.objects.lead!.fields.source).toBe('Lead_Source_Detail__c');
  expect({ ...saved.objects.lead!.fields, source: lead.fields.source }).toEqual(lead.fields);
  await closeToasts();
});

test('the tab bar leads to the record page and back, the key kept', async () => {
  await page.locator('.record-tab').click();
  await page.locator('.record-name').waitFor({ timeout: SHOWS });
  await expect(page.locator('.record-tab').getAttribute('aria-current')).resolves.toBe('page');
  await page.locator('.admin-tab').click();
  await consoleCard().locator('c-sdr-admin-connection .status').waitFor({ timeout: SHOWS });
  expect(new URL(page.url()).search).toBe('?page=admin');
  await expect(page.locator('.key-form').count()).resolves.toBe(0);
});

test('the page ran without errors; the only refusals were the ones the tests asked for', () => {
  expect(refusals.sort()).toEqual(['GET /v1/crm/fields/lead 409', 'PATCH /v1/settings 400']);
  // Chromium logs each refused request as a console error; any other error fails the test.
  const unexpected = pageErrors.filter(
    (error) =>
      !(
        /^Failed to load resource: the server responded with a status of (400|409) /.test(error.text) &&
        /\/v1\/(crm\/fields\/lead|settings)$/.test(error.url)
      ),
  );
  expect(unexpected).toEqual([]);
  expect(pageErrors).toHaveLength(2);
});
