import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { demoInBrowser, type DemoInBrowser } from '../../../backend/test/support/demo-in-browser.ts';
import { apiClient, type ApiClient } from './support/api.ts';
import { artifactsDir, buildPreview } from './support/build.ts';
import { docsShot } from './support/docs-screenshots.ts';
import { seededRecording } from './support/recording.ts';

// The preview end to end: built from the package's component source, served by the service with the demo tenant,
// driven in Debian's Chromium. Waits are for conditions, with room for a busy two-core machine.

const SHOWS = 60_000;
const REPLAY = 150_000;

interface LeadScore {
  ev: number;
  risk: number;
  urgency: number;
  topReasons: unknown[];
}

interface ResearchReport {
  status: string;
  overview: string | null;
  registerMatch: { status: string; message: string } | null;
  facts: { statement: string; source: { name: string; url: string | null } }[];
}

let demo: DemoInBrowser;
let server: DemoInBrowser['server'];
let api: ApiClient;
let browser: Browser;
let page: Page;
let leadId: string;
let buildOutput: string;
const pageErrors: string[] = [];

const shot = (name: string) => page.screenshot({ path: path.join(artifactsDir, name), fullPage: true });

beforeAll(async () => {
  buildOutput = await buildPreview();
  await mkdir(artifactsDir, { recursive: true });

  demo = await demoInBrowser();
  ({ server, browser } = demo);
  api = apiClient(server.url, server.demoKey);
  const recording = await seededRecording(api);
  expect(recording.lines).toBeGreaterThan(20);
  leadId = recording.call.leadId!;

  page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(`console: ${message.text()}`);
  });
  await page.goto(`${server.url}/preview?speed=40#key=${server.demoKey}`);
});

afterAll(() => demo?.close());

test('the build reports its time and size', () => {
  expect(buildOutput).toMatch(/Preview built in [\d.]+ s: [\d.]+ MB of script/);
});

test('the service points at the preview when it starts', () => {
  expect(server.output()).toContain(`Preview: ${server.url}/preview#key=${server.demoKey}`);
});

test('the key leaves the address bar once read', async () => {
  await page.locator('.running-user').waitFor({ timeout: SHOWS });
  expect(page.url()).not.toContain('key=');
});

test("the record page shows the demo lead's name and company", async () => {
  const lead = await api.get<{ firstName: string | null; lastName: string; companyName: string }>(
    `/v1/leads/${leadId}`,
  );
  const name = [lead.firstName, lead.lastName].filter(Boolean).join(' ');
  await page.locator('.record-name', { hasText: name }).waitFor({ timeout: SHOWS });
  await expect(page.locator('.record-name').textContent()).resolves.toBe(name);
  await expect(page.locator('.record-company').textContent()).resolves.toBe(lead.companyName);
  await expect(page.locator('[data-slot="research"]').count()).resolves.toBe(1);
});

test('the score panel shows EV, Risk and Urgency with their reasons', async () => {
  const panel = page.locator('c-sdr-score-panel');
  await panel.locator('.gauge').first().waitFor({ timeout: SHOWS });
  const score = await api.get<LeadScore>(`/v1/leads/${leadId}/score`);
  for (const [dimension, value] of [
    ['ev', score.ev],
    ['risk', score.risk],
    ['urgency', score.urgency],
  ] as const) {
    const gauge = panel.locator(`.gauge[data-dimension="${dimension}"]`);
    await expect(gauge.locator('.gauge-value').textContent()).resolves.toBe(String(value));
  }
  await expect(panel.locator('.gauge-label').allTextContents()).resolves.toEqual(['EV', 'Risk', 'Urgency']);
  expect(score.topReasons.length).toBeGreaterThan(0);
  await expect(panel.locator('.reason-text').count()).resolves.toBe(score.topReasons.length);
  await docsShot(panel, 'sdr-score-panel');
});

test('the battlecard panel shows the competitors in play', async () => {
  const panel = page.locator('c-sdr-battlecard');
  await panel.locator('.battlecard .card-title').first().waitFor({ timeout: SHOWS });
  await expect(panel.locator('.battlecard .card-title').first().textContent()).resolves.toContain('Samsara');
  await docsShot(panel, 'sdr-battlecard');
});

test("the research panel shows the completed report on the lead's company, from the CRM without a register key", async () => {
  const panel = page.locator('c-sdr-research');
  // The panel asks for the research on load, then follows the report until it is completed.
  await panel.locator('.fact').first().waitFor({ timeout: SHOWS });
  const lead = await api.get<{ companyName: string }>(`/v1/leads/${leadId}`);
  // Without refresh, the service answers with the report the panel is showing.
  const report = await api.post<ResearchReport>('/v1/research', { leadId });
  expect(report.status).toBe('completed');
  expect(report.registerMatch?.status).toBe('not_configured');
  await expect(panel.locator('.research-heading').textContent()).resolves.toContain(lead.companyName);
  await expect(panel.locator('.freshness-text').textContent()).resolves.toMatch(/^Researched /);
  await expect(panel.locator('.register-notice').getAttribute('data-status')).resolves.toBe('not_configured');
  await expect(panel.locator('.register-message').textContent()).resolves.toBe(report.registerMatch!.message);
  await expect(panel.locator('.overview-text').textContent()).resolves.toBe(report.overview);
  await expect(panel.locator('.fact-statement').allTextContents()).resolves.toEqual(
    report.facts.map((fact) => fact.statement),
  );
  expect(report.facts.length).toBeGreaterThan(0);
  expect(report.facts.every((fact) => fact.source.name === 'CRM' && fact.source.url === null)).toBe(true);
  await expect(panel.locator('.fact-source-name').allTextContents()).resolves.toEqual(report.facts.map(() => 'CRM'));
  // The CRM's last touch, in words ("19 days ago").
  await expect(panel.locator('.last-touch').textContent()).resolves.toMatch(/ago$/);
  await expect(panel.locator('lightning-button.refresh button').isEnabled()).resolves.toBe(true);
  await panel.screenshot({ path: path.join(artifactsDir, 'preview-research.png') });
  await docsShot(panel, 'sdr-research');
});

test("the lead queue lists the SDR's leads, every one scored and ranked from the first start", async () => {
  const queue = page.locator('c-sdr-lead-queue');
  await queue.locator('tr.row').first().waitFor({ timeout: SHOWS });
  const rows = await queue.locator('tr.row').count();
  expect(rows).toBeGreaterThan(0);
  await expect(queue.locator('.count').textContent()).resolves.toMatch(/^\d+ leads?, highest priority first$/);
  // The demo scored every lead before it served: no row waits for a score, and the priorities rank them.
  await expect(queue.locator('.not-scored').count()).resolves.toBe(0);
  await expect(queue.locator('.ev-cell .ev').count()).resolves.toBe(rows);
  const priorities = (await queue.locator('td.priority').allTextContents()).map(Number);
  expect(priorities.filter((value) => !(value > 0))).toEqual([]);
  expect(priorities).toEqual([...priorities].sort((a, b) => b - a));
  await shot('preview-record-page.png');
  await docsShot(page, 'sdr-record-page');
  await docsShot(queue, 'sdr-lead-queue');
});

test('the demo call replays live, and the competitor it names brings up its battlecard', async () => {
  const liveCall = page.locator('c-sdr-live-call');
  await liveCall.locator('.no-call-message').waitFor({ timeout: SHOWS });
  await page.locator('preview-call-replay .replay-button button').click();

  // Picked up through the call-start event, as the platform event brings it in Salesforce.
  await liveCall.locator('.live-badge').waitFor({ timeout: SHOWS });
  await liveCall.locator('.line').nth(2).waitFor({ timeout: REPLAY });
  const competitor = liveCall.locator('.suggestion', { has: page.locator('.kind_competitor') });
  await competitor.first().waitFor({ timeout: REPLAY });
  await expect(competitor.first().locator('.suggestion-title').textContent()).resolves.toContain('Samsara');
  await expect(competitor.first().locator('.body-label').textContent()).resolves.toBe('From the battlecard');
  await shot('preview-live-call.png');
  await docsShot(liveCall, 'sdr-live-call');

  const battlecard = page.locator('c-sdr-battlecard');
  await expect(battlecard.locator('lightning-tab[data-id]').first().getAttribute('data-id')).resolves.toBeTruthy();
  const inPlay = await api.get<{ data: { competitor: { id: string; name: string } }[] }>(
    `/v1/battlecards/in-play?crmId=${encodeURIComponent((await api.get<{ crmId: string }>(`/v1/leads/${leadId}`)).crmId)}`,
  );
  const samsara = inPlay.data.find((entry) => entry.competitor.name === 'Samsara');
  expect(samsara).toBeDefined();
  await battlecard.locator(`.battlecard .card-title`, { hasText: 'Samsara' }).first().waitFor({ timeout: SHOWS });

  // The end event closes the call on the panel.
  await liveCall.locator('.summary').waitFor({ timeout: REPLAY });
  await page.locator('preview-call-replay .status', { hasText: 'Call ended' }).waitFor({ timeout: SHOWS });
  expect(await liveCall.locator('.line').count()).toBeGreaterThan(10);
  await shot('preview-call-ended.png');
  await docsShot(liveCall, 'sdr-call-summary');
});

test('without a key the page asks for one, and opens with it', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const fresh = await context.newPage();
    fresh.on('pageerror', (error) => pageErrors.push(`pageerror (key form): ${error.message}`));
    await fresh.goto(`${server.url}/preview/`);
    await fresh.locator('.key-form').waitFor({ timeout: SHOWS });
    await fresh.screenshot({ path: path.join(artifactsDir, 'preview-key-form.png') });
    await fresh.locator('.key-input').fill(server.demoKey);
    await fresh.locator('.key-submit').click();
    await fresh.locator('c-sdr-score-panel .gauge').first().waitFor({ timeout: SHOWS });
  } finally {
    await context.close();
  }
});

test('the page ran without errors', () => {
  expect(pageErrors).toEqual([]);
});
