import { mkdtemp, rm, stat, unlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  BattlecardSection,
  CallSummary,
  CompanyUpsert,
  LeadQueueQuery,
  RoutingRuleSetCreate,
  SuggestionSignal,
  TenantSettings,
  WorkingHours,
} from '@sdr/shared';
import { pino } from 'pino';
import { systemClock } from '../src/clock.ts';
import { openDatabase, type Database } from '../src/db/connect.ts';
import { migrate } from '../src/db/migrate.ts';
import { DEMO_TENANT, seedDemoTenant } from '../src/seed/demo.ts';
import { revokeApiKey, verifyApiKey } from '../src/tenancy/api-keys.ts';
import { TenantDb } from '../src/db/tenant-db.ts';
import { leadQueue } from '../src/agents/routing/lead-queue.ts';

const logger = pino({ level: 'silent' });
const DAY = 86_400_000;

describe('demo tenant seed', () => {
  let db: Database;
  let dir: string;
  let keyFile: string;
  let tenantId: string;
  let firstKey: string;

  beforeAll(async () => {
    db = await openDatabase({ dataDir: 'memory' });
    await migrate(db.pool);
    dir = await mkdtemp(path.join(os.tmpdir(), 'sdr-seed-'));
    // A folder that does not exist yet: the seed creates it.
    keyFile = path.join(dir, 'secrets', 'demo-api-key');
  });

  afterAll(async () => {
    await db?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const fileMode = async () => (await stat(keyFile)).mode & 0o777;
  const where = () => ({ where: { tenantId } });

  it('seeds the tenant, writes a working key to a private file', async () => {
    const result = await seedDemoTenant(db.prisma, logger, { keyFile, clock: systemClock });
    expect(result.created).toBe(true);
    ({ tenantId, apiKey: firstKey } = result);

    const tenant = await db.prisma.tenant.findUniqueOrThrow({ where: { id: tenantId } });
    expect(tenant).toMatchObject({ name: DEMO_TENANT.name, crm: 'salesforce', externalId: '00D000000000DEMO' });
    expect(tenant.settings).toMatchObject({ scoring: expect.any(Object), routing: expect.any(Object) });

    expect(await verifyApiKey(db.prisma, firstKey)).toMatchObject({ tenantId });
    expect(await fileMode()).toBe(0o600);
  });

  it('creates the expected volume of realistic records', async () => {
    const prisma = db.prisma;
    const [
      users,
      companies,
      leads,
      activities,
      opportunities,
      competitors,
      battlecards,
      ruleSets,
      calls,
      segments,
      suggestions,
    ] = await Promise.all([
      prisma.user.findMany(where()),
      prisma.company.findMany(where()),
      prisma.lead.findMany(where()),
      prisma.activity.findMany(where()),
      prisma.opportunity.findMany(where()),
      prisma.competitor.findMany(where()),
      prisma.battlecard.findMany(where()),
      prisma.routingRuleSet.findMany(where()),
      prisma.call.findMany(where()),
      prisma.transcriptSegment.findMany({ ...where(), orderBy: { seq: 'asc' } }),
      prisma.suggestion.findMany(where()),
    ]);

    expect(users.filter((u) => u.role === 'sdr')).toHaveLength(6);
    expect(users.filter((u) => u.role === 'manager')).toHaveLength(1);
    expect(users.filter((u) => !u.active)).toHaveLength(1);
    expect(users.some((u) => u.weight === 2)).toBe(true);
    for (const user of users) {
      expect(user.crmUserId).toMatch(/^005[A-Za-z0-9]{15}$/);
      expect(() => new Intl.DateTimeFormat('en-GB', { timeZone: user.timeZone })).not.toThrow();
      expect(user.workingHours).toEqual(
        expect.arrayContaining([expect.objectContaining({ day: 1, start: expect.any(String) })]),
      );
    }

    expect(companies.length).toBeGreaterThanOrEqual(70);
    expect(companies.length).toBeLessThanOrEqual(90);
    for (const company of companies.filter((c) => c.country === 'GB'))
      expect(company.companyNumber).toMatch(/^(\d{8}|SC\d{6})$/);

    expect(leads.length).toBeGreaterThanOrEqual(380);
    expect(leads.length).toBeLessThanOrEqual(420);
    expect(new Set(leads.map((l) => l.crmId)).size).toBe(leads.length);
    for (const lead of leads) expect(lead.crmId).toMatch(/^(00Q|003)[A-Za-z0-9]{15}$/);
    expect(new Set(leads.map((l) => l.crmType))).toEqual(new Set(['lead', 'contact']));
    const share = (count: number) => count / leads.length;
    const freeMail = leads.filter((l) => /@(gmail\.com|outlook\.com|yahoo\.com)$/.test(l.email ?? ''));
    expect(share(freeMail.length)).toBeGreaterThan(0.08);
    expect(share(freeMail.length)).toBeLessThan(0.22);
    const converted = leads.filter((l) => l.convertedAt);
    expect(share(converted.length)).toBeGreaterThan(0.09);
    expect(share(converted.length)).toBeLessThan(0.15);
    // Owners as the CRM had them; routing then gave owners to some of the rest (see below).
    const routed = new Set((await prisma.routingDecision.findMany(where())).map((d) => d.leadId));
    const owned = leads.filter((l) => l.ownerId);
    const ownedBefore = owned.filter((l) => !routed.has(l.id));
    expect(share(ownedBefore.length)).toBeGreaterThan(0.6);
    expect(share(ownedBefore.length)).toBeLessThan(0.8);
    expect(leads.some((l) => ['Select', 'unknown', ''].includes(l.title ?? 'none'))).toBe(true);
    const oldest = Math.min(...leads.map((l) => l.createdAt.getTime()));
    expect(Date.now() - oldest).toBeLessThanOrEqual(301 * DAY);
    expect(Date.now() - oldest).toBeGreaterThan(250 * DAY);

    // Every owner is a user of this tenant.
    const userIds = new Set(users.map((u) => u.id));
    for (const lead of owned) expect(userIds.has(lead.ownerId ?? '')).toBe(true);

    expect(activities.length).toBeGreaterThanOrEqual(1700);
    expect(activities.length).toBeLessThanOrEqual(2400);
    const leadsById = new Map(leads.map((l) => [l.id, l]));
    for (const activity of activities)
      expect(activity.occurredAt.getTime()).toBeGreaterThanOrEqual(
        leadsById.get(activity.leadId)?.createdAt.getTime() ?? Infinity,
      );
    const perLead = (subset: typeof leads) =>
      activities.filter((a) => subset.some((l) => l.id === a.leadId)).length / subset.length;
    expect(perLead(converted)).toBeGreaterThan(perLead(leads.filter((l) => !l.convertedAt)));

    expect(opportunities.length).toBeGreaterThanOrEqual(45);
    expect(opportunities.length).toBeLessThanOrEqual(75);
    for (const opportunity of opportunities) {
      expect(leadsById.get(opportunity.leadId ?? '')?.convertedAt).toBeTruthy();
      expect(opportunity.isClosed).toBe(opportunity.stage.startsWith('Closed'));
      expect(opportunity.isWon).toBe(opportunity.stage === 'Closed Won');
      expect(Number(opportunity.amount)).toBeGreaterThanOrEqual(5_000);
      expect(Number(opportunity.amount)).toBeLessThanOrEqual(250_000);
    }
    expect(opportunities.some((o) => o.competitors.length > 0)).toBe(true);

    expect(competitors.map((c) => c.name).sort()).toEqual(['Geotab', 'Motive', 'Samsara', 'Verizon Connect']);
    expect(battlecards).toHaveLength(4);
    const stale = battlecards.filter((b) => Date.now() - b.reviewedAt.getTime() > b.staleAfterDays * DAY);
    expect(stale).toHaveLength(1);
    for (const card of battlecards) {
      const keys = (card.sections as { key: string }[]).map((s) => s.key);
      expect(keys).toEqual(
        expect.arrayContaining([
          'why_we_win',
          'their_strengths',
          'landmines',
          'objection_handlers',
          'pricing',
          'talk_tracks',
        ]),
      );
    }

    expect(ruleSets).toHaveLength(1);
    expect(ruleSets[0]).toMatchObject({ version: 1, active: true });
    for (const rule of ruleSets[0]?.rules as {
      target: { type: string; userId?: string; members?: { userId: string }[] };
    }[]) {
      const targets = [rule.target.userId, ...(rule.target.members ?? []).map((m) => m.userId)].filter(Boolean);
      for (const userId of targets) expect(userIds.has(userId as string)).toBe(true);
    }

    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call).toMatchObject({ platform: 'dialer', status: 'ended' });
    expect(leadsById.get(call?.leadId ?? '')?.ownerId).toBe(call?.userId);
    expect(segments.length).toBeGreaterThanOrEqual(25);
    expect(segments.length).toBeLessThanOrEqual(35);
    segments.forEach((segment, index) => {
      expect(segment).toMatchObject({
        seq: index + 1,
        segmentId: `seg-${String(index + 1).padStart(3, '0')}`,
        final: true,
      });
      expect(segment.endMs).toBeGreaterThan(segment.startMs);
      if (index > 0) expect(segment.startMs).toBeGreaterThan(segments[index - 1]?.endMs ?? Infinity);
    });
    expect(call?.endedAt?.getTime()).toBeGreaterThan((call?.startedAt.getTime() ?? 0) + (segments.at(-1)?.endMs ?? 0));
    const transcript = segments.map((s) => s.text).join(' ');
    expect(transcript).toMatch(/Samsara/);
    expect(transcript).toMatch(/Sam Sara/);

    expect(suggestions.length).toBeGreaterThanOrEqual(3);
    expect(suggestions.length).toBeLessThanOrEqual(5);
    const cardIds = new Set(battlecards.map((b) => b.id));
    const segmentIds = new Set(segments.map((s) => s.segmentId));
    for (const suggestion of suggestions) {
      expect(cardIds.has(suggestion.sourceCardId ?? '')).toBe(true);
      expect(segmentIds.has(suggestion.segmentId)).toBe(true);
      expect(suggestion.body.length).toBeGreaterThan(20);
    }
    expect(suggestions.map((s) => s.kind)).toEqual(expect.arrayContaining(['competitor', 'objection', 'next_step']));
    // One sequence over the call's events, as live calls number them, so the call reads back through its cursor.
    const ordered = [...suggestions].sort((a, b) => a.seq - b.seq);
    expect(ordered.map((s) => s.seq)).toEqual(ordered.map((_s, i) => segments.length + i + 1));
    expect(call?.lastSeq).toBe(segments.length + suggestions.length);
  });

  it('scores every lead and routes the open leads nobody owned, before it returns', async () => {
    const prisma = db.prisma;
    const leads = await prisma.lead.findMany({ ...where(), include: { scores: { select: { id: true } } } });
    expect(leads.filter((lead) => lead.scores.length !== 1)).toEqual([]);
    const decisions = await prisma.routingDecision.findMany(where());
    const leadsById = new Map(leads.map((lead) => [lead.id, lead]));
    // Open leads of the last fortnight that are new or being worked have an owner, or a decision saying why nobody
    // could take them (a minute's margin for the time the seed took).
    const decided = new Set(decisions.map((d) => d.leadId));
    const fortnight = Date.now() - 14 * DAY + 60_000;
    const waiting = leads.filter(
      (l) => !l.convertedAt && ['new', 'working'].includes(l.status) && l.createdAt.getTime() >= fortnight,
    );
    expect(waiting.length).toBeGreaterThan(0);
    expect(waiting.filter((l) => !l.ownerId && !decided.has(l.id))).toEqual([]);
    expect(decisions.length).toBeGreaterThan(0);
    for (const decision of decisions) {
      const lead = leadsById.get(decision.leadId)!;
      expect(lead.convertedAt).toBeNull();
      expect(lead.ownerId).toBe(decision.assigneeId);
      expect(decision.reason.length).toBeGreaterThan(10);
      if (decision.assigneeId) {
        expect(decision).toMatchObject({ slaState: 'pending' });
        expect(decision.slaDueAt!.getTime()).toBeGreaterThan(decision.createdAt.getTime());
      }
    }
  });

  it('stores JSON in the shapes the API contract gives', async () => {
    const prisma = db.prisma;
    const tenant = await prisma.tenant.findUniqueOrThrow({ where: { id: tenantId } });
    expect(TenantSettings.safeParse(tenant.settings).success).toBe(true);
    for (const user of await prisma.user.findMany(where()))
      for (const hours of user.workingHours as unknown[]) expect(WorkingHours.parse(hours)).toBeTruthy();
    for (const card of await prisma.battlecard.findMany(where()))
      for (const section of card.sections as unknown[]) expect(BattlecardSection.parse(section)).toBeTruthy();
    const [ruleSet] = await prisma.routingRuleSet.findMany(where());
    expect(RoutingRuleSetCreate.safeParse({ rules: ruleSet?.rules, activate: true }).error).toBeUndefined();
    const [call] = await prisma.call.findMany(where());
    expect(CallSummary.parse(call?.summary)).toBeTruthy();
    for (const suggestion of await prisma.suggestion.findMany(where()))
      expect(SuggestionSignal.parse(suggestion.signal)).toBeTruthy();
    for (const company of await prisma.company.findMany(where())) {
      const { crmId, name, domain, website, postcode, companyNumber } = company;
      expect(CompanyUpsert.safeParse({ crmId, name, domain, website, postcode, companyNumber }).error).toBeUndefined();
    }
  });

  it('attributes the seeded rows to the seed in the audit trail', async () => {
    const byActor = await db.prisma.auditLog.groupBy({
      by: ['actor'],
      where: { tenantId, recordType: 'Lead' },
      _count: true,
    });
    expect(byActor).toEqual([expect.objectContaining({ actor: 'seed' })]);
  });

  it('does nothing the second time and keeps the key', async () => {
    const before = await db.prisma.lead.count(where());
    const again = await seedDemoTenant(db.prisma, logger, { keyFile, clock: systemClock });
    expect(again).toEqual({ tenantId, apiKey: firstKey, created: false });
    expect(await db.prisma.lead.count(where())).toBe(before);
    expect(await db.prisma.tenant.count({ where: { externalId: DEMO_TENANT.externalId } })).toBe(1);
  });

  it('issues a new key when the key file is gone, and revokes the old one', async () => {
    await unlink(keyFile);
    const result = await seedDemoTenant(db.prisma, logger, { keyFile, clock: systemClock });
    expect(result).toMatchObject({ tenantId, created: false });
    expect(result.apiKey).not.toBe(firstKey);
    expect(await verifyApiKey(db.prisma, result.apiKey)).toMatchObject({ tenantId });
    expect(await verifyApiKey(db.prisma, firstKey)).toBeNull();
    expect(await fileMode()).toBe(0o600);
    const live = await db.prisma.apiKey.count({ where: { tenantId, name: 'demo', revokedAt: null } });
    expect(live).toBe(1);
  });

  it('issues a new key when the saved one was revoked', async () => {
    await revokeApiKey(db.prisma, tenantId);
    const result = await seedDemoTenant(db.prisma, logger, { keyFile, clock: systemClock });
    expect(await verifyApiKey(db.prisma, result.apiKey)).toMatchObject({ tenantId });
    expect(await seedDemoTenant(db.prisma, logger, { keyFile, clock: systemClock })).toMatchObject({
      apiKey: result.apiKey,
      created: false,
    });
    expect(await fileMode()).toBe(0o600);
  });
});

describe('the demo seeded during working hours', () => {
  // A Tuesday morning in London: the UK, DACH and Iberia SDRs are at work, the US ones not yet.
  const now = new Date('2026-11-24T10:30:00Z');
  let db: Database;
  let dir: string;
  let tenantId: string;

  beforeAll(async () => {
    db = await openDatabase({ dataDir: 'memory' });
    await migrate(db.pool);
    dir = await mkdtemp(path.join(os.tmpdir(), 'sdr-seed-hours-'));
    ({ tenantId } = await seedDemoTenant(db.prisma, logger, {
      keyFile: path.join(dir, 'demo-api-key'),
      clock: { now: () => now },
    }));
  });

  afterAll(async () => {
    await db?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('gives reps queues of scored leads, with first-touch deadlines on the leads just routed to them', async () => {
    const tenant = new TenantDb(db.prisma, tenantId, 'test');
    const assigned = await db.prisma.routingDecision.findMany({ where: { tenantId, assigneeId: { not: null } } });
    expect(assigned.length).toBeGreaterThan(0);
    const reps = [...new Set(assigned.map((d) => d.assigneeId!))];
    for (const userId of reps) {
      const queue = await leadQueue(tenant, LeadQueueQuery.parse({ userId, limit: 200 }));
      expect(queue.data.length).toBeGreaterThan(0);
      expect(queue.data.filter((item) => item.score === null)).toEqual([]);
      expect(queue.data.filter((item) => item.priority === 0)).toEqual([]);
      expect(queue.data.some((item) => item.sla?.state === 'pending' && new Date(item.sla.dueAt) > now)).toBe(true);
      // Highest priority first.
      const priorities = queue.data.map((item) => item.priority);
      expect(priorities).toEqual([...priorities].sort((a, b) => b - a));
    }
    // Rules send UK leads to the UK pool, whose only active SDR is at work now.
    const uk = await db.prisma.user.findFirstOrThrow({ where: { tenantId, name: 'Hannah Clarke' } });
    expect(reps).toContain(uk.id);
  });
});
