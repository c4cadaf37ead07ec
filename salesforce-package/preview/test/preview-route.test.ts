import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { pino } from 'pino';
import request from 'supertest';
import { previewRoutes } from '../../../backend/src/api/preview.ts';
import { problemHandler, unknownRoute } from '../../../backend/src/api/problems.ts';

// The service's /preview route, on its own: what it answers before and after a build.

let dir: string;

function app() {
  const server = express();
  server.use(previewRoutes({ dir }));
  server.use(unknownRoute);
  server.use(problemHandler(pino({ level: 'silent' })));
  return server;
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sdr-preview-dist-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('without a build, /preview answers 404 problem+json saying how to build it', async () => {
  const response = await request(app()).get('/preview');
  expect(response.status).toBe(404);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(JSON.parse(response.text)).toMatchObject({
    status: 404,
    detail: expect.stringContaining('npm run build -w salesforce-package/preview'),
  });
});

test('once built, the page is served at /preview and /preview/, and its files below', async () => {
  await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>preview</title>');
  await writeFile(path.join(dir, 'main.js'), 'export {};');
  for (const url of ['/preview', '/preview/']) {
    const response = await request(app()).get(url);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    expect(response.headers['content-security-policy']).not.toMatch(/unsafe-eval|upgrade-insecure-requests/);
  }
  const script = await request(app()).get('/preview/main.js');
  expect(script.status).toBe(200);
  expect(script.headers['content-type']).toMatch(/javascript/);
  const missing = await request(app()).get('/preview/nothing.js');
  expect(missing.status).toBe(404);
  expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
});
