import request from 'supertest';
import { researchJobs } from '../src/agents/research/jobs.ts';
import { scoringJobs } from '../src/agents/scoring/jobs.ts';
import { systemClock } from '../src/clock.ts';
import { createApp } from '../src/api/app.ts';
import type { Database } from '../src/db/connect.ts';
import { migrate } from '../src/db/migrate.ts';
import { JobQueue } from '../src/jobs/queue.ts';
import { databaseLabel, emptyDatabase } from './support/database.ts';
import { fixedClock, noCrmApps, silentLogger, testAssistant, testCrm, testPlatforms } from './support/app.ts';

describe(`HTTP basics on ${databaseLabel}`, () => {
  let db: Database;
  let jobs: JobQueue;
  const app = (corsOrigins: string[] = []) => {
    const scoring = scoringJobs({ prisma: db.prisma, clock: systemClock });
    const assistant = testAssistant({ prisma: db.prisma, clock: systemClock });
    return createApp({
      config: { bodyLimit: '1mb', corsOrigins, ...noCrmApps },
      db,
      jobs,
      scoring,
      crm: testCrm({ prisma: db.prisma, jobs, scoring, clock: systemClock }),
      assistant,
      platforms: testPlatforms({ prisma: db.prisma, assistant, clock: systemClock }),
      research: {
        jobs: researchJobs({ prisma: db.prisma, queue: jobs, clock: systemClock, register: null, llm: null }),
        register: null,
      },
      logger: silentLogger,
      clock: fixedClock('2026-11-24T09:00:00.000Z'),
      version: 'test',
    });
  };

  beforeAll(async () => {
    db = await emptyDatabase();
    jobs = new JobQueue({ db, logger: silentLogger, poolSize: 2 });
  });
  afterAll(async () => {
    await db?.close();
  });

  it('is not ready until every migration is applied, then is', async () => {
    await request(app()).get('/healthz').expect(200, { status: 'ok' });
    const before = await request(app()).get('/readyz').expect(503);
    expect(before.body).toEqual({ status: 'unavailable', checks: { database: true, migrations: false } });
    await migrate(db.pool);
    await request(app())
      .get('/readyz')
      .expect(200, { status: 'ok', checks: { database: true, migrations: true } });
  });

  it('keeps a sane caller request id and makes one up otherwise', async () => {
    const kept = await request(app()).get('/healthz').set('X-Request-Id', 'sf-req-42').expect(200);
    expect(kept.headers['x-request-id']).toBe('sf-req-42');
    const replaced = await request(app())
      .get('/healthz')
      .set('X-Request-Id', 'no spaces or /slashes allowed')
      .expect(200);
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sends security headers and no framework banner', async () => {
    const res = await request(app()).get('/healthz');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toBeDefined();
    expect(res.headers['content-security-policy']).toBeDefined();
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('keeps CORS closed unless origins are configured', async () => {
    const closed = await request(app())
      .options('/v1/leads')
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'GET');
    expect(closed.headers['access-control-allow-origin']).toBeUndefined();
    const open = app(['https://acme.my.salesforce.com']);
    const allowed = await request(open)
      .options('/v1/leads')
      .set('Origin', 'https://acme.my.salesforce.com')
      .set('Access-Control-Request-Method', 'GET');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://acme.my.salesforce.com');
    const other = await request(open).get('/healthz').set('Origin', 'https://evil.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('serves the OpenAPI document naming the public URL', async () => {
    const res = await request(app()).get('/v1/openapi.json').expect(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(res.body.servers).toEqual([{ url: 'https://sdr.example.com' }]);
    expect(Object.keys(res.body.paths)).toContain('/v1/leads/{id}');
  });
});
