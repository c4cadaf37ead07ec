import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { run, startServer } from './support/process.ts';
import { until } from './support/waiting.ts';

/**
 * The quick start as a new user runs it: the server on a fresh data folder migrates, seeds the demo tenant, prints
 * its URL and demo key, serves, and shuts down gracefully on SIGTERM; a second start reuses everything.
 * Always on the embedded database: this is what `npm start` does on a fresh clone.
 */
describe('quick start on the embedded database', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'sdr-quickstart-'));
  });

  it('seeds, serves with the printed key, finishes in-flight work on SIGTERM, and restarts with the same key', async () => {
    const env = { DATA_DIR: dataDir, DATABASE_URL: '' };
    const server = await startServer(env, true);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const auth = { Authorization: `Bearer ${server.demoKey}` };

    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    // The banner's last line points at the API reference.
    await until(async () => server.output().includes(`API reference: ${server.url}/docs`), 10_000);
    const ready = await fetch(`${server.url}/readyz`);
    expect(await ready.json()).toEqual({ status: 'ok', checks: { database: true, migrations: true } });
    const leads = (await (await fetch(`${server.url}/v1/leads?limit=200`, { headers: auth })).json()) as {
      data: unknown[];
      nextCursor: string | null;
    };
    expect(leads.data.length).toBe(200);
    expect(leads.nextCursor).toEqual(expect.any(String));
    // The demo looks alive from the first request: every rep's queue is scored and ranked, no wall of zeros.
    const users = (await (await fetch(`${server.url}/v1/users`, { headers: auth })).json()) as {
      data: { id: string; role: string }[];
    };
    const reps = users.data.filter((user) => user.role === 'sdr');
    expect(reps.length).toBeGreaterThan(0);
    for (const rep of reps) {
      const queue = (await (
        await fetch(`${server.url}/v1/queue?userId=${rep.id}&limit=200`, { headers: auth })
      ).json()) as { data: { score: { ev: number } | null; priority: number }[] };
      expect(queue.data.filter((item) => item.score === null || (item.priority === 0 && item.score.ev > 0))).toEqual(
        [],
      );
    }
    const doc = (await (await fetch(`${server.url}/v1/openapi.json`)).json()) as { openapi: string };
    expect(doc.openapi).toBe('3.1.0');

    // The admin CLI refuses to open the embedded database while the server holds it.
    const locked = await run('src/cli/admin.ts', ['tenant', 'list'], env);
    expect(locked.code).toBe(2);
    expect(locked.stderr).toContain('in use by process');

    // A large write is in flight when SIGTERM arrives: it completes, then the process exits cleanly.
    const batch = Array.from({ length: 1000 }, (_, i) => ({
      crmId: `00QSHUTDOWN${String(i).padStart(5, '0')}`,
      lastName: `L${i}`,
    }));
    const inFlight = fetch(`${server.url}/v1/leads`, {
      method: 'PUT',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify(batch),
    });
    await new Promise((resolve) => setTimeout(resolve, 30));
    server.child.kill('SIGTERM');
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(((await response.json()) as { created: number }).created).toBe(1000);
    expect(await server.exited).toBe(0);
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();

    const again = await startServer(env, true);
    try {
      expect(again.demoKey).toBe(server.demoKey);
      const page = (await (await fetch(`${again.url}/v1/leads?q=L999`, { headers: auth })).json()) as {
        data: { crmId: string }[];
      };
      expect(page.data.map((l) => l.crmId)).toContain('00QSHUTDOWN00999');
    } finally {
      again.child.kill('SIGTERM');
      expect(await again.exited).toBe(0);
    }
    // Two whole starts of the service, one of them seeding: room for a busy two-core machine.
  }, 180_000);

  it('refuses a bad configuration with one line per variable', async () => {
    const result = await run('src/server.ts', [], { PORT: 'eighty', LOG_LEVEL: 'loud', DATA_DIR: dataDir });
    expect(result.code).toBe(2);
    const lines = result.stderr.trim().split('\n');
    expect(lines[0]).toBe('Invalid configuration:');
    expect(
      lines
        .slice(1)
        .map((line) => line.trim().split(':')[0])
        .sort(),
    ).toEqual(['LOG_LEVEL', 'PORT']);
  });
});
