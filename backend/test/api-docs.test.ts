import { readFile } from 'node:fs/promises';
import path from 'node:path';
import request from 'supertest';
import { API_DOCS_CSP, SWAGGER_UI_FILES, swaggerUiAssetsPath, swaggerUiDist } from '../src/api/api-docs.ts';
import { testApp, type TestApp } from './support/app.ts';

// The API reference at /docs: one page, one initialiser and a fixed set of Swagger UI's files, all from the service.

const { dir, version } = swaggerUiDist();
const assets = swaggerUiAssetsPath(version);
const TYPES: Record<string, RegExp> = {
  '.css': /^text\/css; charset=utf-8$/,
  '.js': /^text\/javascript; charset=utf-8$/,
  '.png': /^image\/png$/,
};

let t: TestApp;

beforeAll(async () => {
  t = await testApp({ workers: false });
});

afterAll(async () => {
  await t?.close();
});

/** The CSP header as directive → sources. */
function policy(header: string | undefined): Map<string, string[]> {
  expect(header).toBeDefined();
  return new Map(
    header!
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

/** What the page loads: every `src` and `href` in it. */
const references = (html: string) => [...html.matchAll(/\s(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);

describe('GET /docs', () => {
  it('serves the page, at /docs and /docs/, never cached stale', async () => {
    const res = await request(t.app).get('/docs').expect(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.text).toContain('<title>SDR Enhancement System API</title>');
    expect(res.text).toContain('<div id="swagger-ui"></div>');
    const slash = await request(t.app).get('/docs/').expect(200);
    expect(slash.text).toBe(res.text);
  });

  it('loads Swagger UI from the service and its own initialiser as a file: no inline script', async () => {
    const { text } = await request(t.app).get('/docs').expect(200);
    const scripts = [...text.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.map((script) => /src="([^"]+)"/.exec(script[1]!)?.[1])).toEqual([
      `${assets}/swagger-ui-bundle.js`,
      '/docs/api-docs.js',
    ]);
    expect(scripts.every((script) => script[2]!.trim() === '')).toBe(true);
    expect(text).not.toMatch(/\son[a-z]+=/i);
    expect(text).not.toContain('<style');
    expect(text).not.toMatch(/\sstyle=/);
  });

  it('refers to nothing outside the service', async () => {
    const page = await request(t.app).get('/docs').expect(200);
    const initialiser = await request(t.app).get('/docs/api-docs.js').expect(200);
    for (const text of [page.text, initialiser.text]) {
      expect(text).not.toMatch(/https?:/i);
      expect(text).not.toMatch(/["'(]\/\//);
    }
    const refs = references(page.text);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(ref).toMatch(/^\/[^/]/);
  });

  it('answers with its own strict policy in place of the default one', async () => {
    const res = await request(t.app).get('/docs').expect(200);
    expect(res.headers['content-security-policy']).toBe(API_DOCS_CSP);
    const csp = policy(res.headers['content-security-policy']);
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('style-src')).toEqual(["'self'"]);
    expect(csp.get('img-src')).toEqual(["'self'", 'data:']);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'self'"]);
    expect(res.headers['content-security-policy']).not.toMatch(/unsafe-(eval|inline)|https?:|\*/);
    // The rest of the service keeps helmet's policy.
    const other = await request(t.app).get('/healthz').expect(200);
    expect(other.headers['content-security-policy']).not.toBe(API_DOCS_CSP);
    expect(other.headers['content-security-policy']).toContain('upgrade-insecure-requests');
  });
});

describe('GET /docs/api-docs.js', () => {
  it("renders the service's own document, without the validator badge or configuration from the URL", async () => {
    const res = await request(t.app).get('/docs/api-docs.js').expect(200);
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['content-security-policy']).toBe(API_DOCS_CSP);
    expect(res.text).toContain('url: "/v1/openapi.json"');
    expect(res.text).toContain('validatorUrl: null');
    expect(res.text).toContain('queryConfigEnabled: false');
    // No top bar (the standalone layout's, which loads any URL typed in it).
    expect(res.text).toContain("layout: 'BaseLayout'");
    expect(res.text).not.toContain('StandalonePreset');
  });
});

describe("Swagger UI's files", () => {
  it('serves each file the page loads from swagger-ui-dist, with its type, cached for good under its version', async () => {
    const { text } = await request(t.app).get('/docs').expect(200);
    const loaded = references(text).filter((ref) => ref.startsWith(`${assets}/`));
    expect(loaded.map((ref) => ref.slice(assets.length + 1)).sort()).toEqual([...SWAGGER_UI_FILES].sort());
    expect(assets).toBe(`/docs/swagger-ui/${version}`);
    for (const file of SWAGGER_UI_FILES) {
      const res = await request(t.app)
        .get(`${assets}/${file}`)
        .buffer(true)
        .parse((response, done) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(res.headers['content-type']).toMatch(TYPES[path.extname(file)]!);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(res.headers['content-security-policy']).toBe(API_DOCS_CSP);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(Buffer.compare(res.body as Buffer, await readFile(path.join(dir, file)))).toBe(0);
    }
  });

  it('answers HEAD and conditional requests', async () => {
    const first = await request(t.app).head(`${assets}/swagger-ui.css`).expect(200);
    expect(Number(first.headers['content-length'])).toBeGreaterThan(1000);
    await request(t.app).get(`${assets}/swagger-ui.css`).set('If-None-Match', first.headers.etag!).expect(304);
  });

  it.each([
    `${assets}/index.html`,
    `${assets}/swagger-initializer.js`,
    `${assets}/swagger-ui-standalone-preset.js`,
    `${assets}/swagger-ui.js`,
    `${assets}/swagger-ui-es-bundle.js`,
    `${assets}/swagger-ui-bundle.js.map`,
    `${assets}/oauth2-redirect.html`,
    `${assets}/package.json`,
    `${assets}/LICENSE`,
    `${assets}/`,
    `${assets}`,
    '/docs/swagger-ui/',
    '/docs/swagger-ui/0.0.1/swagger-ui.css',
    `${assets}/..%2Fpackage.json`,
    `${assets}/%2e%2e%2f%2e%2e%2fpackage.json`,
    '/docs/swagger-ui.css',
    '/docs/index.html',
    '/docs/swagger-initializer.js',
    '/docs/api-docs.ts',
  ])('answers %s with 404', async (url) => {
    const res = await request(t.app).get(url).expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['content-security-policy']).toBe(API_DOCS_CSP);
  });
});

describe('the document the page renders', () => {
  it("declares the tenant's API key as a bearer scheme, so Authorize sends it on the /v1 operations", async () => {
    const { body } = await request(t.app).get('/v1/openapi.json').expect(200);
    expect(body.info.title).toBe('SDR Enhancement System API');
    expect(body.components.securitySchemes).toEqual({
      tenantApiKey: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
    });
    const operations = Object.entries(body.paths as Record<string, Record<string, { security?: unknown[] }>>).flatMap(
      ([path, methods]) => Object.values(methods).map((operation) => ({ path, security: operation.security })),
    );
    const listLeads = operations.find((operation) => operation.path === '/v1/leads');
    expect(listLeads?.security).toEqual([{ tenantApiKey: [] }]);
    expect(operations.find((operation) => operation.path === '/healthz')?.security).toEqual([]);
  });
});
