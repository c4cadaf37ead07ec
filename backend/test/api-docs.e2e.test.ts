import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { demoInBrowser, type DemoInBrowser } from './support/demo-in-browser.ts';
import { backendDir } from './support/process.ts';

// The API reference end to end: the service started as `npm start` starts it (embedded database, demo tenant), /docs
// opened in Debian's Chromium. Waits are for conditions, with room for a busy two-core machine.

const SHOWS = 90_000;
const STEP = 150_000;
const artifactsDir = path.join(backendDir, 'test-artifacts');

interface Operation {
  operationId: string;
  tags: string[];
  parameters?: { name: string; in: string }[];
  responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }>;
}

interface OpenApiDocument {
  info: { title: string; version: string };
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
}

let demo: DemoInBrowser;
let server: DemoInBrowser['server'];
let origin: string;
let openApi: OpenApiDocument;
let page: Page;
const requests: { url: string; authorization: string | undefined }[] = [];
const problems: string[] = [];

const operations = () =>
  Object.entries(openApi.paths).flatMap(([route, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ method, path: route, ...operation })),
  );

/** The operation's block on the page (Swagger UI names it after its first tag and its operationId). */
const block = (route: string, method: string) => {
  const operation = openApi.paths[route]![method]!;
  return page.locator(`#operations-${operation.tags[0]}-${operation.operationId}`);
};

beforeAll(async () => {
  await mkdir(artifactsDir, { recursive: true });
  // No PUBLIC_URL: the document names no server, so "Try it out" calls the page's own origin.
  demo = await demoInBrowser({ PUBLIC_URL: '' });
  server = demo.server;
  origin = new URL(server.url).origin;
  openApi = (await (await fetch(`${server.url}/v1/openapi.json`)).json()) as OpenApiDocument;

  page = await demo.browser.newPage({ viewport: { width: 1440, height: 1000 } });
  page.on('request', (req) => requests.push({ url: req.url(), authorization: req.headers()['authorization'] }));
  page.on('requestfailed', (req) => problems.push(`request failed: ${req.url()} ${req.failure()?.errorText}`));
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  // Anything the policy blocks is reported, whether or not the browser logs it.
  await page.addInitScript({
    content: `document.addEventListener('securitypolicyviolation', (event) =>
      console.error('CSP violation: ' + event.violatedDirective + ' ' + event.blockedURI));`,
  });
  await page.goto(`${server.url}/docs`);
  await page.locator('.opblock').first().waitFor({ timeout: SHOWS });
}, 300_000);

afterAll(() => demo?.close());

test("shows the document's title and version", async () => {
  await expect(page.title()).resolves.toBe('SDR Enhancement System API');
  expect(openApi.info.title).toBe('SDR Enhancement System API');
  await expect(page.locator('.info .title').textContent()).resolves.toContain(openApi.info.title);
  await expect(page.locator('.info .title .version').first().textContent()).resolves.toBe(` ${openApi.info.version} `);
});

test('lists every operation of the document, under its tag', async () => {
  const expected = operations().map((operation) => `${operation.method.toUpperCase()} ${operation.path}`);
  expect(expected).toEqual(expect.arrayContaining(['GET /v1/leads', 'PUT /v1/leads', 'GET /v1/queue']));
  const rendered = await page
    .locator('.opblock')
    .evaluateAll((blocks) =>
      blocks.map(
        (b) =>
          `${b.querySelector('.opblock-summary-method')?.textContent} ${b.querySelector('.opblock-summary-path')?.getAttribute('data-path')}`,
      ),
    );
  expect(rendered).toHaveLength(expected.length);
  expect([...rendered].sort()).toEqual([...expected].sort());

  const tags = [...new Set(operations().map((operation) => operation.tags[0]!))];
  const groups = await page
    .locator('.opblock-tag')
    .evaluateAll((headings) => headings.map((h) => h.getAttribute('data-tag')));
  expect(groups).toEqual(tags);
  await expect(page.locator('.opblock-tag[data-tag="Leads"]').textContent()).resolves.toContain('Leads');
});

test(
  'an operation opens on its parameters and responses, with the response schema',
  async () => {
    const operation = openApi.paths['/v1/leads']!.get!;
    const listLeads = block('/v1/leads', 'get');
    await listLeads.locator('.opblock-summary-control').click({ noWaitAfter: true });
    await listLeads.locator('.responses-wrapper').waitFor({ timeout: SHOWS });

    const parameters = await listLeads
      .locator('tr[data-param-name]')
      .evaluateAll((rows) =>
        rows.map((row) => `${row.getAttribute('data-param-in')}:${row.getAttribute('data-param-name')}`),
      );
    expect(operation.parameters!.length).toBeGreaterThan(0);
    expect(parameters).toEqual(operation.parameters!.map((parameter) => `${parameter.in}:${parameter.name}`));
    const codes = await listLeads
      .locator('.responses-table tr.response')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-code')));
    expect(codes).toEqual(Object.keys(operation.responses));

    // The 200 response's schema, as the document names it, with its properties.
    const ref = operation.responses['200']!.content!['application/json']!.schema.$ref!;
    expect(ref).toMatch(/^#\/components\/schemas\//);
    const name = ref.split('/').pop()!;
    const ok = listLeads.locator('.responses-table tr.response[data-code="200"]');
    await ok.locator('button[data-name="model"]').click({ noWaitAfter: true });
    const schema = ok.locator('.model-example .json-schema-2020-12').first();
    await schema.waitFor({ timeout: SHOWS });
    await expect(schema.locator('.json-schema-2020-12__title').first().textContent()).resolves.toBe(name);
    const properties = await schema
      .locator('.json-schema-2020-12-property .json-schema-2020-12__title')
      .allTextContents();
    expect(properties).toEqual(Object.keys(openApi.components.schemas[name]!.properties!));
    await page.screenshot({ path: path.join(artifactsDir, 'api-docs.png'), fullPage: true });
  },
  STEP,
);

test(
  'Authorize takes the API key, and "Try it out" calls the service with it',
  async () => {
    await page.locator('.scheme-container .btn.authorize').click();
    const dialog = page.locator('.modal-ux');
    await dialog.locator('h4', { hasText: 'tenantApiKey' }).waitFor({ timeout: SHOWS });
    await dialog.locator('input').fill(server.demoKey);
    await dialog.locator('.auth-btn-wrapper button.authorize').click();
    await dialog.locator('.auth-btn-wrapper button.btn-done').click();
    await dialog.waitFor({ state: 'hidden', timeout: SHOWS });

    const listLeads = block('/v1/leads', 'get');
    await listLeads.locator('.try-out__btn').click();
    await listLeads.locator('tr[data-param-name="limit"] input').fill('2');
    await listLeads.locator('.execute').click();
    const status = listLeads.locator('.live-responses-table tbody .response-col_status').first();
    await status.waitFor({ timeout: SHOWS });
    await expect(status.textContent()).resolves.toMatch(/^200/);

    const call = requests.find((req) => new URL(req.url).pathname === '/v1/leads');
    expect(call).toBeDefined();
    expect(new URL(call!.url).searchParams.get('limit')).toBe('2');
    expect(call!.authorization).toBe(`Bearer ${server.demoKey}`);
  },
  STEP,
);

test("no request left the service's origin", () => {
  expect(requests.length).toBeGreaterThan(0);
  expect(requests.filter((req) => new URL(req.url).origin !== origin).map((req) => req.url)).toEqual([]);
  const paths = requests.map((req) => new URL(req.url).pathname);
  expect(paths).toEqual(expect.arrayContaining(['/docs', '/v1/openapi.json', '/docs/api-docs.js']));
  expect(paths.some((p) => p.endsWith('/swagger-ui-bundle.js'))).toBe(true);
});

test('the page ran without errors', () => {
  expect(problems).toEqual([]);
});
