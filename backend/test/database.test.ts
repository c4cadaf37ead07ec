import { randomUUID } from 'node:crypto';
import { cp, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Database } from '../src/db/connect.ts';
import { migrate, migrationsDir, migrationStatus, readMigrations } from '../src/db/migrate.ts';
import { Prisma } from '../src/db/generated/client.ts';
import { databaseLabel, emptyDatabase } from './support/database.ts';

describe(`database on ${databaseLabel}`, () => {
  let db: Database;

  beforeAll(async () => {
    db = await emptyDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('migrates an empty database and records each migration as Prisma Migrate does', async () => {
    const shipped = await readMigrations();
    expect((await migrationStatus(db.pool)).pending).toEqual(shipped.map((m) => m.name));
    const applied = await migrate(db.pool);
    expect(applied).toEqual(shipped.map((m) => m.name));
    const rows = await db.pool.query(
      'SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name',
    );
    expect(rows.rows.map((r) => [r.migration_name, r.checksum, r.applied_steps_count])).toEqual(
      shipped.map((m) => [m.name, m.checksum, 1]),
    );
    expect(rows.rows.every((r) => r.finished_at instanceof Date)).toBe(true);
    expect(await migrate(db.pool)).toEqual([]);
    expect((await migrationStatus(db.pool)).pending).toEqual([]);
  });

  it('refuses to run when an applied migration was edited', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'migrations-'));
    await cp(migrationsDir, dir, { recursive: true });
    const first = (await readMigrations())[0]!;
    await writeFile(path.join(dir, first.name, 'migration.sql'), `${first.sql}\n-- edited\n`);
    await expect(migrate(db.pool, dir)).rejects.toThrow(`Migration ${first.name} was changed after it was applied.`);
  });

  it('gives every tenant-owned table a key and indexes led by tenantId', async () => {
    const tables = await db.pool.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
       AND table_name NOT IN ('_prisma_migrations', 'Tenant') ORDER BY table_name`,
    );
    const models = Object.values(Prisma.ModelName)
      .filter((name) => name !== 'Tenant')
      .sort();
    expect(tables.rows.map((r) => r.table_name)).toEqual(models);
    const indexes = await db.pool.query<{ table: string; index: string; first: string }>(
      `SELECT t.relname AS table, i.relname AS index, a.attname AS first
       FROM pg_index x
       JOIN pg_class t ON t.oid = x.indrelid
       JOIN pg_class i ON i.oid = x.indexrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = x.indkey[0]
       WHERE t.relname <> ALL ($1)`,
      [['_prisma_migrations', 'Tenant']],
    );
    expect(indexes.rows.length).toBeGreaterThan(models.length);
    expect(indexes.rows.filter((r) => r.first !== 'tenantId')).toEqual([]);
  });

  it('round-trips every model through Prisma Client', async () => {
    const p = db.prisma;
    const tenantId = randomUUID();
    const id = () => randomUUID();
    const at = new Date('2026-11-20T10:00:00.000Z');
    const t = { tenantId };
    const tenant = await p.tenant.create({
      data: { id: tenantId, name: 'Acme', crm: 'hubspot', externalId: `${Date.now()}`, settings: { a: 1 } },
    });
    const user = await p.user.create({
      data: {
        ...t,
        id: id(),
        email: 'sam@acme.test',
        name: 'Sam',
        crmUserId: '005x',
        timeZone: 'Europe/London',
        workingHours: [{ day: 1, start: '09:00', end: '17:00' }],
        languages: ['en', 'pt'],
        territories: ['UK'],
        skills: ['fleet'],
        capacity: 40,
        dailyCap: 20,
        weight: 2,
        active: true,
      },
    });
    const company = await p.company.create({
      data: {
        ...t,
        id: id(),
        crmId: '001x',
        name: 'Northwind Ltd',
        domain: 'northwind.test',
        website: 'https://northwind.test',
        industry: 'Logistics',
        employees: 120,
        annualRevenue: new Prisma.Decimal('1234567.89'),
        country: 'GB',
        region: 'England',
        city: 'Leeds',
        postcode: 'LS1 1AA',
        companyNumber: '01234567',
        customFields: { Tier: 'A' },
      },
    });
    const lead = await p.lead.create({
      data: {
        ...t,
        id: id(),
        crmId: '00Qx',
        crmType: 'contact',
        firstName: 'Priya',
        lastName: 'Raman',
        email: 'p@northwind.test',
        phone: '+44',
        title: 'VP Ops',
        companyId: company.id,
        companyName: company.name,
        source: 'Webinar',
        status: 'working',
        country: 'GB',
        region: 'England',
        language: 'en',
        ownerId: user.id,
        customFields: { Fleet: 12 },
        convertedAt: at,
        crmUpdatedAt: at,
      },
    });
    const model = await p.modelVersion.create({
      data: {
        ...t,
        id: id(),
        version: 'v1',
        kind: 'gbm',
        status: 'active',
        target: { column: 'y' },
        metrics: { rocAuc: 0.8 },
        artifact: { trees: [] },
        rows: 10,
      },
    });
    const ruleSet = await p.routingRuleSet.create({
      data: { ...t, id: id(), version: 1, active: true, rules: [{ id: 'r1' }], createdBy: 'admin' },
    });
    const competitor = await p.competitor.create({
      data: {
        ...t,
        id: id(),
        name: 'Samsara',
        aliases: ['samsarah'],
        products: ['Fleet'],
        website: 'https://samsara.test',
      },
    });
    const opportunity = await p.opportunity.create({
      data: {
        ...t,
        id: id(),
        crmId: '006x',
        name: 'Fleet deal',
        leadId: lead.id,
        companyId: company.id,
        ownerId: user.id,
        stage: 'Closed Won',
        amount: new Prisma.Decimal('25000.00'),
        currency: 'GBP',
        closeDate: at,
        isClosed: true,
        isWon: true,
        competitors: ['Samsara'],
      },
    });
    const call = await p.call.create({
      data: {
        ...t,
        id: id(),
        leadId: lead.id,
        opportunityId: opportunity.id,
        userId: user.id,
        platform: 'zoom',
        externalId: 'z1',
        status: 'ended',
        startedAt: at,
        endedAt: at,
        summary: { nextSteps: ['demo'] },
      },
    });
    const battlecardId = id();
    const created = {
      tenant,
      user,
      company,
      lead,
      model,
      ruleSet,
      competitor,
      opportunity,
      call,
      apiKey: await p.apiKey.create({
        data: { ...t, id: id(), name: 'k', secretHash: 'ab', lastUsedAt: at, revokedAt: at },
      }),
      activity: await p.activity.create({
        data: {
          ...t,
          id: id(),
          crmId: '00Tx',
          leadId: lead.id,
          type: 'call',
          direction: 'outbound',
          subject: 'Hi',
          body: 'b',
          outcome: 'connected',
          occurredAt: at,
        },
      }),
      score: await p.score.create({
        data: {
          ...t,
          id: id(),
          leadId: lead.id,
          ev: 71,
          pConvert: 0.23,
          expectedValue: new Prisma.Decimal('5750.00'),
          currency: 'GBP',
          risk: 30,
          urgency: 80,
          reasons: [{ label: 'VP' }],
          modelVersionId: model.id,
          scoredAt: at,
        },
      }),
      decision: await p.routingDecision.create({
        data: {
          ...t,
          id: id(),
          leadId: lead.id,
          ruleSetId: ruleSet.id,
          ruleId: 'r1',
          assigneeId: user.id,
          matchedAccount: { companyId: company.id },
          candidates: [user.id],
          skipped: [],
          reason: 'rule r1',
          slaDueAt: at,
          firstTouchAt: at,
          reassignedFrom: null,
        },
      }),
      battlecard: await p.battlecard.create({
        data: {
          ...t,
          id: battlecardId,
          competitorId: competitor.id,
          title: 'vs Samsara',
          sections: [{ key: 'why_we_win' }],
          staleAfterDays: 60,
          reviewedAt: at,
        },
      }),
      battlecardVersion: await p.battlecardVersion.create({
        data: {
          ...t,
          battlecardId: battlecardId,
          version: 1,
          competitorId: competitor.id,
          title: 'vs Samsara',
          sections: [{ key: 'why_we_win' }],
          staleAfterDays: 60,
          reviewedAt: at,
          author: 'Ana Admin',
        },
      }),
      teamsSubscription: await p.teamsSubscription.create({
        data: {
          ...t,
          id: 'sub-1',
          entraTenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
          clientState: 'sealed',
          resource: 'communications/onlineMeetings/getAllTranscripts',
          notificationUrl: 'https://sdr.example.com/webhooks/teams',
          lifecycleNotificationUrl: 'https://sdr.example.com/webhooks/teams/lifecycle',
          expiresAt: at,
          organizerUserId: null,
          lastTranscriptAt: at,
        },
      }),
      poolCount: await p.routingPoolCount.create({
        data: { ...t, ruleId: 'r1', userId: 'u1', total: 3, byTier: { hot: 1, cold: 2 } },
      }),
      teamsTranscript: await p.teamsTranscript.create({
        data: { ...t, key: 'teams:e:m:t', subscriptionId: 'sub-1' },
      }),
      segment: await p.transcriptSegment.create({
        data: {
          ...t,
          callId: call.id,
          segmentId: 's1',
          seq: 1,
          speaker: 'prospect',
          text: 'Too pricey',
          startMs: 0,
          endMs: 900,
          final: true,
        },
      }),
      suggestion: await p.suggestion.create({
        data: {
          ...t,
          id: id(),
          callId: call.id,
          segmentId: 's1',
          kind: 'objection',
          title: 'Price',
          body: 'Reframe on ROI',
          sourceCardId: null,
          sourceSection: 'pricing',
          signal: { kind: 'price' },
        },
      }),
      report: await p.researchReport.create({
        data: {
          ...t,
          id: id(),
          companyId: company.id,
          status: 'completed',
          report: { facts: [] },
          completedAt: at,
          expiresAt: at,
        },
      }),
      webhook: await p.webhookEvent.create({
        data: {
          ...t,
          id: id(),
          provider: 'hubspot',
          eventId: 'e1',
          payload: { a: 1 },
          status: 'processed',
          processedAt: at,
        },
      }),
      connection: await p.crmConnection.create({
        data: {
          ...t,
          provider: 'hubspot',
          authFlow: 'oauth',
          status: 'connected',
          instanceUrl: 'https://api.hubapi.com',
          credentials: 'sealed',
          cursors: { contacts: '2026-11-24T09:00:00.000Z' },
          replayIds: {},
          apiUsage: { used: 1, max: 100 },
          backfilledAt: at,
          lastSyncAt: at,
        },
      }),
      writeBack: await p.crmWriteBack.create({
        data: { ...t, id: id(), objectType: 'contacts', crmId: '101', kind: 'scores', fields: { sdr_ev: '71' } },
      }),
      job: await p.job.create({
        data: { ...t, id: randomUUID(), queue: 'q', key: 'k', progress: { done: 1, total: 2, message: null } },
      }),
      audit: await p.auditLog.create({
        data: { ...t, id: id(), actor: 'test', action: 'create', recordType: 'Lead', recordId: 'x', details: { a: 1 } },
      }),
    };
    const readers: Record<keyof typeof created, (row: { id?: string }) => Promise<unknown>> = {
      tenant: () => p.tenant.findUnique({ where: { id: tenantId } }),
      user: (r) => p.user.findUnique({ where: { tenantId_id: { tenantId, id: r.id! } } }),
      company: (r) => p.company.findUnique({ where: { tenantId_id: { tenantId, id: r.id! } } }),
      lead: (r) => p.lead.findUnique({ where: { tenantId_id: { tenantId, id: r.id! } } }),
      model: (r) => p.modelVersion.findUnique({ where: { tenantId_id: { tenantId, id: r.id! } } }),
      ruleSet: (r) => p.routingRuleSet.findUnique({ where: { tenantId_id: { tenantId, id: r.id! } } }),
      competitor: (r) => p.competitor.findUnique({ where: { tenantId_id: { tenantId, id: r.id! } } }),
      opportunity: (r) => p.opportunity.findUnique({ where: { tenantId_id: { tenantId, id: r.id! } } }),
      call: (r) => p.call.findUnique({ where: { tenantId_id: { tenantId, id: r.id! } } }),
      apiKey: (r) => p.apiKey.findUnique({ where: { tenantId_id: { tenantId, id: r.id! } } }),
      activity: (r) => p.activity.findUnique({ where: { tenantId_id: { tenantId, id: r.id! } } }),
      score: (r) => p.score.findUnique({ where: { tenantId_id: { tenantId, id: r.id! } } }),
      decision: (r) => p.routingDecision.findUnique({ where: { tenantId_id: { tenantId, id: r.id! } } }),
      battlecard: (r) => p.battlecard.findUnique({ where: { tenantId_id: { tenantId, id: r.id! } } }),
      battlecardVersion: () =>
        p.battlecardVersion.findUnique({
          where: { tenantId_battlecardId_version: { tenantId, battlecardId, version: 1 } },
        }),
      teamsSubscription: () => p.teamsSubscription.findUnique({ where: { tenantId_id: { tenantId, id: 'sub-1' } } }),
      poolCount: () =>
        p.routingPoolCount.findUnique({ where: { tenantId_ruleId_userId: { tenantId, ruleId: 'r1', userId: 'u1' } } }),
      teamsTranscript: () =>
        p.teamsTranscript.findUnique({ where: { tenantId_key: { tenantId, key: 'teams:e:m:t' } } }),
      segment: () =>
        p.transcriptSegment.findUnique({
          where: { tenantId_callId_segmentId: { tenantId, callId: call.id, segmentId: 's1' } },
        }),
      suggestion: (r) => p.suggestion.findUnique({ where: { tenantId_id: { tenantId, id: r.id! } } }),
      report: (r) => p.researchReport.findUnique({ where: { tenantId_id: { tenantId, id: r.id! } } }),
      webhook: (r) => p.webhookEvent.findUnique({ where: { tenantId_id: { tenantId, id: r.id! } } }),
      connection: () => p.crmConnection.findUnique({ where: { tenantId } }),
      writeBack: (r) => p.crmWriteBack.findUnique({ where: { tenantId_id: { tenantId, id: r.id! } } }),
      job: (r) => p.job.findUnique({ where: { tenantId_id: { tenantId, id: r.id! } } }),
      audit: (r) => p.auditLog.findUnique({ where: { tenantId_id: { tenantId, id: r.id! } } }),
    };
    expect(Object.keys(readers)).toHaveLength(Object.values(Prisma.ModelName).length);
    for (const [name, row] of Object.entries(created)) {
      const read = await readers[name as keyof typeof created](row as { id?: string });
      expect({ name, read }).toEqual({ name, read: row });
    }
  });

  it('keeps an audit trail of every write, with the actor of the transaction', async () => {
    const tenantId = randomUUID();
    await db.prisma.tenant.create({
      data: { id: tenantId, name: 'Audit', crm: 'hubspot', externalId: `a${Date.now()}` },
    });
    const companyId = randomUUID();
    await db.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT set_config('sdr.actor', 'api-key:k1', true)`;
      await tx.company.create({ data: { tenantId, id: companyId, name: 'Globex' } });
      await tx.company.update({ where: { tenantId_id: { tenantId, id: companyId } }, data: { industry: 'Energy' } });
    });
    // Re-sending the same values changes nothing worth recording.
    await db.prisma.company.update({
      where: { tenantId_id: { tenantId, id: companyId } },
      data: { industry: 'Energy' },
    });
    await db.prisma.company.delete({ where: { tenantId_id: { tenantId, id: companyId } } });
    const trail = await db.prisma.auditLog.findMany({
      where: { tenantId, recordType: 'Company' },
      orderBy: { at: 'asc' },
    });
    expect(trail.map((row) => [row.actor, row.action, row.recordId, row.details])).toEqual([
      ['api-key:k1', 'insert', companyId, {}],
      ['api-key:k1', 'update', companyId, { changed: ['industry'] }],
      ['system', 'delete', companyId, {}],
    ]);
    // Deleting a tenant takes its records and trail with it.
    await db.prisma.tenant.delete({ where: { id: tenantId } });
    expect(await db.prisma.auditLog.count({ where: { tenantId } })).toBe(0);
  });
});
