import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestContext } from '@salesforce/core/testSetup';
import BattlecardsImport from '../../../src/commands/sdr/battlecards/import.ts';
import type { SalesforceStandIn } from '../../../../../backend/test/stand-ins/salesforce/index.ts';
import {
  authoriseOrg,
  captureUx,
  connectedTenant,
  saveConnection,
  startBackend,
  startOrg,
  type RunningBackend,
} from '../../harness.ts';

/** A service that refuses the RouteRight card with a 422 problem and takes everything else. */
async function refusingService(): Promise<{ url: string; close(): Promise<void> }> {
  const { createServer } = await import('node:http');
  const now = '2026-11-24T09:00:00.000Z';
  let next = 0;
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      const send = (status: number, json: unknown, type = 'application/json') => {
        res.writeHead(status, { 'content-type': type }).end(JSON.stringify(json));
      };
      if (req.method === 'GET') return send(200, { data: [] });
      next += 1;
      if (req.url === '/v1/competitors') {
        return send(201, {
          id: `c${next}`,
          name: body.name,
          aliases: body.aliases,
          products: body.products,
          website: body.website ?? null,
          createdAt: now,
          updatedAt: now,
        });
      }
      if (String(body.title).includes('RouteRight')) {
        return send(
          422,
          {
            type: 'about:blank',
            title: 'Unprocessable',
            status: 422,
            detail: 'The card was refused',
            errors: [{ field: 'body.sections.0.body', message: 'too long here' }],
          },
          'application/problem+json',
        );
      }
      return send(201, {
        ...body,
        id: `b${next}`,
        stale: false,
        version: 1,
        author: null,
        staleAfterDays: 90,
        reviewedAt: now,
        createdAt: now,
        updatedAt: now,
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const EXAMPLE = new URL('../../../examples/battlecards.json', import.meta.url);

describe('sf sdr battlecards import', () => {
  const $$ = new TestContext();
  const dir = mkdtempSync(join(tmpdir(), 'sdr-battlecards-'));
  let backend: RunningBackend;
  let sf: SalesforceStandIn;
  let apiKey: string;

  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${backend.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const write = (name: string, content: unknown) => {
    const file = join(dir, name);
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
  };
  const example = () => JSON.parse(readFileSync(EXAMPLE, 'utf8')) as { competitors: Array<Record<string, unknown>> };

  beforeAll(async () => {
    [backend, sf] = await Promise.all([startBackend(), startOrg()]);
  });
  afterAll(async () => {
    await Promise.all([backend?.close(), sf?.close()]);
  });
  beforeEach(async () => {
    // A fresh tenant per test, so each starts with no competitors.
    ({ apiKey } = await connectedTenant(backend));
    await authoriseOrg($$, sf);
    captureUx($$);
    saveConnection($$, sf.orgId, backend.url, apiKey);
  });

  it('creates the competitors and cards of the example file, then finds nothing to change', async () => {
    const file = new URL(EXAMPLE).pathname;
    const first = await BattlecardsImport.run(['--target-org', sf.username, '--file', file]);
    expect(first.summary).toEqual({ created: 2, updated: 0, unchanged: 0, failed: 0 });
    expect(first.competitors.map((c) => [c.name, c.status])).toEqual([
      ['RouteRight', 'created'],
      ['FleetPulse Go', 'created'],
    ]);
    expect(first.cards[0]).toMatchObject({ title: 'Selling against RouteRight', status: 'created', version: 1 });
    const cards = await api('GET', '/v1/battlecards');
    expect((cards.body.data as unknown[]).length).toBe(2);

    const again = await BattlecardsImport.run(['--target-org', sf.username, '--file', file]);
    expect(again.summary).toEqual({ created: 0, updated: 0, unchanged: 2, failed: 0 });
    expect(again.competitors.every((c) => c.status === 'unchanged')).toBe(true);
  });

  it('updates a changed card and a changed competitor, matching names and titles without regard to case', async () => {
    await BattlecardsImport.run(['--target-org', sf.username, '--file', new URL(EXAMPLE).pathname]);
    const edited = example();
    const routeRight = edited.competitors[0]! as {
      name: string;
      aliases: string[];
      battlecards: Array<{ title: string; sections: Array<{ body: string }> }>;
    };
    routeRight.name = 'routeright';
    routeRight.aliases = [...routeRight.aliases, 'RouteRight.io'];
    routeRight.battlecards[0]!.title = 'SELLING AGAINST ROUTERIGHT';
    routeRight.battlecards[0]!.sections[0]!.body = 'Now also in Ireland.';
    const result = await BattlecardsImport.run(['--target-org', sf.username, '--file', write('edited.json', edited)]);
    expect(result.competitors[0]).toMatchObject({ status: 'updated' });
    expect(result.cards[0]).toMatchObject({ status: 'updated', version: 2 });
    expect(result.cards[1]).toMatchObject({ status: 'unchanged', version: 1 });
  });

  it('reports what a dry run would do and changes nothing', async () => {
    const result = await BattlecardsImport.run([
      '--target-org',
      sf.username,
      '--file',
      new URL(EXAMPLE).pathname,
      '--dry-run',
    ]);
    expect(result).toMatchObject({ dryRun: true, summary: { created: 2, updated: 0, unchanged: 0, failed: 0 } });
    expect((await api('GET', '/v1/competitors')).body.data).toEqual([]);
  });

  it('reports every problem of a bad file with its path and sends nothing', async () => {
    const bad = example();
    const card = (bad.competitors[0]!.battlecards as Array<Record<string, unknown>>)[0]!;
    (card.sections as Array<Record<string, unknown>>)[1]!.key = 'why_they_lose';
    bad.competitors[1]!.website = 'ftp://fleetpulse.example.com';
    const small = (bad.competitors[1]!.battlecards as Array<Record<string, unknown>>)[0]!;
    (small.sections as Array<Record<string, unknown>>)[1]!.key = 'their_strengths';
    bad.competitors.push({ name: 'RouteRight ', battlecards: [] });
    const file = write('bad.json', bad);
    const error = await BattlecardsImport.run(['--target-org', sf.username, '--file', file]).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'InvalidError', data: { problems: expect.any(Array) } });
    const paths = (error as { data: { problems: Array<{ path: string }> } }).data.problems.map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'competitors[0].battlecards[0].sections[1].key',
        'competitors[1].website',
        'competitors[1].battlecards[0].sections[1].key',
        'competitors[2].name',
      ]),
    );
    expect((error as Error).message).toMatch(/nothing was sent/);
    expect((await api('GET', '/v1/competitors')).body.data).toEqual([]);
  });

  it('says so when the file is not JSON', async () => {
    await expect(
      BattlecardsImport.run(['--target-org', sf.username, '--file', write('broken.json', '{ "competitors": [')]),
    ).rejects.toMatchObject({ name: 'NotJsonError' });
  });

  it('reports a card the service refuses, field by field, and saves the others', async () => {
    const refusing = await refusingService();
    try {
      const result = await BattlecardsImport.run([
        '--target-org',
        sf.username,
        '--file',
        new URL(EXAMPLE).pathname,
        '--backend-url',
        refusing.url,
        '--api-key',
        'sdr_any',
      ]);
      expect(result.summary).toEqual({ created: 1, updated: 0, unchanged: 0, failed: 1 });
      expect(result.cards[0]).toMatchObject({
        status: 'failed',
        message: expect.stringMatching(/422.*sections\.0\.body: too long here/s),
      });
      expect(result.cards[1]).toMatchObject({ status: 'created' });
    } finally {
      await refusing.close();
    }
  });
});
