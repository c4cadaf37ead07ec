import { randomUUID } from 'node:crypto';
import type { RoutingRule, RoutingRuleInput, WorkingHours } from '@sdr/shared';
import { decide, plansFor } from '../src/agents/routing/decide.ts';
import type { Sdr } from '../src/agents/routing/eligibility.ts';
import type { PoolCounts } from '../src/agents/routing/pool-choice.ts';
import { routeLeads } from '../src/agents/routing/route-lead.ts';
import type { RoutingContext } from '../src/agents/routing/rule-match.ts';
import { ruleSetProblems } from '../src/agents/routing/rule-validation.ts';
import { startOfDay } from '../src/agents/routing/working-hours.ts';
import { systemClock } from '../src/clock.ts';
import type { Prisma } from '../src/db/generated/client.ts';
import { TenantDb } from '../src/db/tenant-db.ts';
import { percentile } from './figures.ts';
import { profiled } from './profile.ts';
import { benchService } from './service.ts';

const SDRS = 200;
const RULES = 500;
const DECISIONS = Number(process.env.BENCH_ROUTING_DECISIONS ?? 20_000);
const ROUTED = Number(process.env.BENCH_ROUTING_LEADS ?? 10_000);
const CLIENTS = Number(process.env.BENCH_ROUTING_CLIENTS ?? 8);
const BATCH = Number(process.env.BENCH_ROUTING_BATCH ?? 250);

const COUNTRIES = ['GB', 'IE', 'DE', 'FR', 'NL', 'ES', 'IT', 'US', 'CA', 'AU', 'NZ', 'SE', 'NO', 'DK', 'PL', 'BE'];
const INDUSTRIES = ['Logistics', 'Construction', 'Retail', 'Utilities', 'Field Services', 'Waste', 'Food'];
const SOURCES = ['Webinar', 'Referral', 'Inbound', 'Trade Show', 'Paid Search'];
const ZONES = ['Europe/London', 'Europe/Berlin', 'America/New_York', 'America/Chicago', 'Australia/Sydney'];
const LANGUAGES = ['en', 'de', 'fr', 'es', 'nl'];
const SKILLS = ['telematics', 'dashcams', 'fuel-cards', 'enterprise'];

/** A seeded generator, so every run routes the same leads by the same rules. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
const rand = random(42);
const pick = <T>(items: readonly T[]) => items[Math.floor(rand() * items.length)]!;

const WEEK: WorkingHours[] = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '00:00', end: '24:00' }));

function roster() {
  return Array.from({ length: SDRS }, (_, i) => ({
    id: `sdr-${String(i).padStart(3, '0')}`,
    name: `SDR ${i}`,
    email: `sdr${i}@bench.example`,
    timeZone: pick(ZONES),
    // Most work around the clock here so the figures measure choosing, not an empty office; some keep office hours.
    workingHours: i % 10 === 0 ? [1, 2, 3, 4, 5].map((day) => ({ day, start: '08:00', end: '18:00' })) : WEEK,
    languages: ['en', ...(i % 3 === 0 ? [pick(LANGUAGES)] : [])],
    skills: SKILLS.filter(() => rand() < 0.6),
    capacity: 100_000,
    dailyCap: 100_000,
    weight: 1 + (i % 3),
    outOfOffice: i % 25 === 0 ? [{ start: '2026-01-01T00:00:00Z', end: '2027-01-01T00:00:00Z' }] : [],
  }));
}

/**
 * 500 rules as a large team writes them: country by employee band, then industry and source, a few named
 * accounts, and a catch-all. Each targets a pool of 3–12 SDRs, a named SDR, or the account owner.
 */
function ruleSet(users: { id: string; skills: string[] }[]): RoutingRuleInput[] {
  const pool = () => {
    const size = 3 + Math.floor(rand() * 10);
    const members = new Set<string>();
    while (members.size < size) members.add(pick(users).id);
    return {
      type: 'pool' as const,
      members: [...members].map((userId) => ({ userId, weight: 1 + (members.size % 2) })),
    };
  };
  // Every seventh rule asks for telematics, and then its pool has someone who sells it.
  const skilled = (id: string) => users.find((user) => user.id === id)!.skills.includes('telematics');
  const targetWithSkills = (n: number): Pick<RoutingRuleInput, 'target' | 'skills'> => {
    if (n % 40 === 0) return { target: { type: 'account_owner' }, skills: [] };
    const target = pool();
    return n % 7 === 0 && target.members.some((member) => skilled(member.userId))
      ? { target, skills: ['telematics'] }
      : { target, skills: [] };
  };
  const rules: RoutingRuleInput[] = [];
  const bands: [number, number][] = [
    [1, 49],
    [50, 199],
    [200, 999],
    [1000, 4999],
    [5000, 1_000_000],
  ];
  for (const country of COUNTRIES)
    for (const [min, max] of bands)
      for (const source of SOURCES)
        if (rules.length < RULES - 20)
          rules.push({
            id: `r-${country}-${min}-${source}`,
            name: `${country} ${min}–${max} from ${source}`,
            conditions: [
              { field: 'company.country', operator: 'eq', value: country },
              { field: 'company.employees', operator: 'between', value: [min, max] },
              { field: 'lead.source', operator: 'eq', value: source },
              { field: 'company.industry', operator: 'in', value: INDUSTRIES.filter(() => rand() < 0.5) },
            ],
            ...targetWithSkills(rules.length),
            slaMinutes: 30,
          });
  for (const industry of INDUSTRIES)
    rules.push({
      id: `r-${industry}`,
      name: `${industry} anywhere`,
      conditions: [{ field: 'company.industry', operator: 'eq', value: industry }],
      target: pool(),
      skills: [],
      slaMinutes: null,
    });
  while (rules.length < RULES - 1)
    rules.push({
      id: `r-named-${rules.length}`,
      name: `Named account ${rules.length}`,
      conditions: [{ field: 'company.domain', operator: 'eq', value: `named${rules.length}.example` }],
      target: { type: 'user', userId: pick(users).id },
      skills: [],
      slaMinutes: 15,
    });
  rules.push({ id: 'r-rest', name: 'Everyone else', conditions: [], target: pool(), skills: [], slaMinutes: null });
  return rules;
}

function lead(i: number) {
  return {
    crmId: `bench-${i}`,
    lastName: `Lead ${i}`,
    email: `lead${i}@prospect${i % 5000}.example`,
    source: pick(SOURCES),
    country: pick(COUNTRIES),
    language: rand() < 0.8 ? 'en' : pick(LANGUAGES),
    company: { name: `Prospect ${i}`, industry: pick(INDUSTRIES), employees: Math.floor(rand() * 8000) + 1 },
  };
}

/** One decision with everything in memory: the rules matched, every candidate checked, the pool's choice made. */
function inMemory(users: ReturnType<typeof roster>, rules: RoutingRule[]) {
  const sdrs = new Map<string, Sdr>(
    users.map((user) => [
      user.id,
      {
        ...user,
        active: true,
        outOfOffice: user.outOfOffice.map((period) => ({ start: new Date(period.start), end: new Date(period.end) })),
        pausedUntil: null,
      },
    ]),
  );
  const daily = new Map<string, number>();
  const open = new Map<string, number>();
  const pools = new Map<string, PoolCounts>();
  const samples: number[] = [];
  let assigned = 0;
  let matchedRules = 0;
  const started = performance.now();
  for (let i = 0; i < DECISIONS; i += 1) {
    const spec = lead(i);
    const context: RoutingContext = {
      lead: { ...spec, companyName: spec.company.name },
      company: { ...spec.company, country: spec.country, domain: `prospect${i % 5000}.example` },
      score: { ev: Math.floor(rand() * 100) },
    };
    const tier = pick(['hot', 'warm', 'cold']);
    const at = new Date();
    const begin = performance.now();
    const plans = plansFor(rules, context, i % 5 === 0 ? pick(users).id : null);
    const choice = decide(plans, {
      tier,
      language: spec.language,
      at,
      hasRuleSet: true,
      fallbackUserId: null,
      accountName: spec.company.name,
      sdr: (id) => sdrs.get(id),
      load: (id) => ({
        openLeads: open.get(id) ?? 0,
        assignedToday: daily.get(`${id}:${startOfDay(at, sdrs.get(id)!.timeZone).getTime()}`) ?? 0,
      }),
      poolCounts: (ruleId, id) => pools.get(`${ruleId}:${id}`) ?? { total: 0, byTier: {} },
    });
    if (choice.userId) {
      const id = choice.userId;
      const day = `${id}:${startOfDay(at, sdrs.get(id)!.timeZone).getTime()}`;
      daily.set(day, (daily.get(day) ?? 0) + 1);
      open.set(id, (open.get(id) ?? 0) + 1);
      if (choice.rule?.target.type === 'pool') {
        const counts = pools.get(`${choice.rule.id}:${id}`) ?? { total: 0, byTier: {} };
        counts.total += 1;
        counts.byTier[tier] = (counts.byTier[tier] ?? 0) + 1;
        pools.set(`${choice.rule.id}:${id}`, counts);
      }
    }
    samples.push(performance.now() - begin);
    if (choice.userId) assigned += 1;
    matchedRules += plans.length;
  }
  const seconds = (performance.now() - started) / 1000;
  return { samples, assigned, matchedRules, seconds };
}

/** Milliseconds shown as microseconds: a decision takes well under one. */
const us = (milliseconds: number) => `${(milliseconds * 1000).toFixed(0)} µs`;

/**
 * Routing: the decision in memory (200 SDRs, 500 rules; target p99 ≤ 5 ms), the 500-rule set's validation, then
 * leads routed end to end with their writes (decision, pool counts, owner) by concurrent clients (target ≥ 500/s on
 * the PostgreSQL server).
 */
export interface RoutingFigures {
  singleUsPerLead: number;
  batchedUsPerLead: number;
}

export async function routingBench(options: { leads?: number } = {}): Promise<RoutingFigures> {
  const routed = options.leads ?? ROUTED;
  const users = roster();
  const input = ruleSet(users);
  const rules = input as RoutingRule[];

  const validation = performance.now();
  const problems = ruleSetProblems(
    input,
    users.map((user) => ({ id: user.id, active: true, skills: user.skills })),
  );
  console.log(
    `routing: ${SDRS} SDRs, ${rules.length} rules; validation ${(performance.now() - validation).toFixed(1)} ms ` +
      `(${problems.length} problems)`,
  );

  inMemory(users, rules.slice(0, 50)); // warm-up
  const memory = inMemory(users, rules);
  console.log(
    `  in memory: ${DECISIONS.toLocaleString('en-US')} decisions, p50 ${us(percentile(memory.samples, 50))} ` +
      `p99 ${us(percentile(memory.samples, 99))} max ${us(Math.max(...memory.samples))}; ` +
      `${Math.round(DECISIONS / memory.seconds).toLocaleString('en-US')}/s; ` +
      `${memory.assigned} assigned, ${(memory.matchedRules / DECISIONS).toFixed(1)} matching rules per lead`,
  );

  const service = await benchService();
  try {
    const tenant = new TenantDb(service.db.prisma, service.tenantId, 'bench');
    await service.db.prisma.user.createMany({
      data: users.map((user) => ({
        ...user,
        tenantId: service.tenantId,
        workingHours: user.workingHours as unknown as Prisma.InputJsonValue,
        outOfOffice: user.outOfOffice as unknown as Prisma.InputJsonValue,
      })),
    });
    await service.db.prisma.routingRuleSet.create({
      data: {
        tenantId: service.tenantId,
        id: randomUUID(),
        version: 1,
        active: true,
        rules: input as unknown as Prisma.InputJsonValue,
      },
    });
    const ids: string[] = [];
    for (let start = 0; start < routed; start += 1000) {
      const batch = Array.from({ length: Math.min(1000, routed - start) }, (_, k) => lead(start + k));
      const companies = await service.db.prisma.company.createManyAndReturn({
        data: batch.map((spec) => ({
          tenantId: service.tenantId,
          id: randomUUID(),
          crmId: `co-${spec.crmId}`,
          name: spec.company.name,
          industry: spec.company.industry,
          employees: spec.company.employees,
          country: spec.country,
        })),
        select: { id: true },
      });
      const leads = await service.db.prisma.lead.createManyAndReturn({
        data: batch.map(({ company: _company, ...spec }, k) => ({
          ...spec,
          tenantId: service.tenantId,
          id: randomUUID(),
          companyId: companies[k]!.id,
        })),
        select: { id: true },
      });
      ids.push(...leads.map((row) => row.id));
    }
    // Half the leads one per call (the API's route call), half in batches (automatic routing after scoring).
    const single = ids.slice(0, Math.floor(ids.length / 2));
    const batched = ids.slice(single.length);
    const run = async (label: string, units: string[][]): Promise<number> => {
      const latencies: number[] = [];
      let next = 0;
      const started = performance.now();
      const leadCount = units.reduce((sum, unit) => sum + unit.length, 0);
      await profiled(`routing-${units[0]!.length === 1 ? 'single' : 'batches'}`, leadCount, () =>
        Promise.all(
          Array.from({ length: CLIENTS }, async () => {
            while (next < units.length) {
              const unit = units[next++]!;
              const begin = performance.now();
              await routeLeads(tenant, unit, { clock: systemClock });
              latencies.push(performance.now() - begin);
            }
          }),
        ),
      );
      const seconds = (performance.now() - started) / 1000;
      const leads = units.reduce((sum, unit) => sum + unit.length, 0);
      console.log(
        `  ${label}, ${CLIENTS} clients, writes on ${service.where}: ${leads.toLocaleString('en-US')} leads in ` +
          `${seconds.toFixed(1)} s = ${Math.round(leads / seconds).toLocaleString('en-US')} routed leads/s; ` +
          `per call p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms`,
      );
      return (1e6 * seconds) / leads;
    };
    const singleUsPerLead = await run(
      'one lead per call',
      single.map((id) => [id]),
    );
    const batches: string[][] = [];
    for (let start = 0; start < batched.length; start += BATCH) batches.push(batched.slice(start, start + BATCH));
    const batchedUsPerLead = await run(`batches of ${BATCH}`, batches);
    const decisions = await service.db.prisma.routingDecision.count({ where: { tenantId: service.tenantId } });
    const assigned = await service.db.prisma.lead.count({
      where: { tenantId: service.tenantId, ownerId: { not: null } },
    });
    console.log(
      `  ${decisions.toLocaleString('en-US')} decisions stored, ${assigned.toLocaleString('en-US')} leads assigned`,
    );
    return { singleUsPerLead, batchedUsPerLead };
  } finally {
    await service.close();
  }
}
