import { CompaniesHouseRegister } from '../src/agents/research/companies-house-register.ts';
import { composeReport } from '../src/agents/research/compose-report.ts';
import type { CrmSummary } from '../src/agents/research/crm-findings.ts';
import {
  CompaniesHouseClient,
  forgetSharedRateLimiters,
  RateLimiter,
  ResponseCache,
} from '../src/integrations/companies-house/index.ts';
import { startCompaniesHouseStandIn, type CompaniesHouseStandIn } from '../test/stand-ins/companies-house/index.ts';
import { SimulatedTime } from '../test/companies-house/support.ts';
import { ms, percentile } from './figures.ts';

const REPORTS = Number(process.env.BENCH_RESEARCH_REPORTS ?? 200);
const VOLUME = Number(process.env.BENCH_RESEARCH_COMPANIES ?? 1_000);
const LIMIT = 600;
const WINDOW_MS = 5 * 60_000;

/** A register record with enough in it to make a full report: people, owners, filings, charges. */
function addCompany(standIn: CompaniesHouseStandIn, number: string, index: number) {
  const name = `BENCH HAULAGE ${index} LTD`;
  standIn.addCompany(number, {
    profile: {
      company_name: name,
      company_number: number,
      company_status: 'active',
      type: 'ltd',
      date_of_creation: '2012-06-14',
      sic_codes: ['49410'],
      registered_office_address: {
        address_line_1: `${index} Dock Road`,
        locality: 'Felixstowe',
        postal_code: 'IP11 3QW',
      },
      accounts: { next_due: '2027-09-30', overdue: false },
      confirmation_statement: { next_due: '2027-06-28', overdue: false },
      has_charges: true,
    },
    officers: {
      items: [
        { name: 'OKAFOR, Daniel', officer_role: 'director', appointed_on: '2026-09-01' },
        { name: 'RAMAN, Priya', officer_role: 'director', appointed_on: '2015-01-10' },
        { name: 'SMITH, John', officer_role: 'director', appointed_on: '2012-06-14', resigned_on: '2026-08-31' },
      ],
    },
    psc: {
      items: [
        {
          name: 'Ms Priya Raman',
          kind: 'individual-person-with-significant-control',
          natures_of_control: ['ownership-of-shares-75-to-100-percent'],
          notified_on: '2016-04-06',
        },
      ],
    },
    'filing-history': {
      items: Array.from({ length: 25 }, (_, i) => ({
        date: `2026-${String(1 + (i % 11)).padStart(2, '0')}-15`,
        category: i % 2 === 0 ? 'accounts' : 'confirmation-statement',
        type: i % 2 === 0 ? 'AA' : 'CS01',
        description: i % 2 === 0 ? 'accounts-with-accounts-type-small' : 'confirmation-statement-with-no-updates',
        description_values: { made_up_date: '2025-12-31' },
      })),
    },
    charges: {
      items: [
        {
          status: 'outstanding',
          created_on: '2026-05-20',
          classification: { type: 'charge-description', description: 'A registered charge' },
          persons_entitled: [{ name: 'Barclays Bank PLC' }],
        },
      ],
    },
  });
  return name;
}

const crmOf = (name: string): CrmSummary => ({
  companyName: name,
  leadCount: 2,
  openOpportunities: [{ name: 'Fleet rollout', amount: 38_000, currency: 'GBP', competitors: ['Samsara'] }],
  lastActivity: { at: new Date('2026-11-19T15:30:00Z'), kind: 'call', subject: 'Discovery call' },
  accountOwner: null,
  contacts: [{ name: 'Priya Raman', title: 'VP Operations' }],
  employees: 140,
});

/** Report time, register included (over local HTTP), with an empty cache and then with every answer cached. */
async function reportTimes(): Promise<void> {
  const standIn = await startCompaniesHouseStandIn({ fixtures: false, rateLimit: { limit: 1e9, windowMs: 1 } });
  try {
    const client = new CompaniesHouseClient({
      apiKey: standIn.apiKey,
      baseUrl: standIn.url,
      cache: new ResponseCache(),
      limiter: new RateLimiter({ limit: 1e9, windowMs: WINDOW_MS }),
    });
    const register = new CompaniesHouseRegister(client);
    const subjects = Array.from({ length: REPORTS }, (_, i) => {
      const number = String(20_000_000 + i);
      return { number, name: addCompany(standIn, number, i) };
    });
    const now = new Date('2026-11-24T09:00:00Z');
    const run = async () => {
      const samples: number[] = [];
      for (const subject of subjects) {
        const started = performance.now();
        const report = await composeReport({
          subject: { name: subject.name, postcode: 'IP11 3QW', chosenNumber: null, matchedNumber: subject.number },
          crm: crmOf(subject.name),
          register,
          llm: null,
          now,
        });
        samples.push(performance.now() - started);
        if (report.registerMatch.status !== 'matched') throw new Error(`not matched: ${report.registerMatch.message}`);
      }
      return samples;
    };
    const before = standIn.requests.length;
    const cold = await run();
    const coldRequests = standIn.requests.length - before;
    const warm = await run();
    const warmRequests = standIn.requests.length - before - coldRequests;
    const line = (label: string, samples: number[], requests: number) =>
      `  ${label}: p50 ${ms(percentile(samples, 50))}, p95 ${ms(percentile(samples, 95))}, ` +
      `mean ${ms(samples.reduce((a, b) => a + b, 0) / samples.length)}; ${requests.toLocaleString('en-US')} register requests`;
    console.log(`research: report time over ${REPORTS} companies (6 register resources each, templates, no LLM)`);
    console.log(line('cold cache', cold, coldRequests));
    console.log(line('warm cache', warm, warmRequests));
  } finally {
    await standIn.close();
  }
}

function busiestWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let busiest = 0;
  let first = 0;
  for (let last = 0; last < sorted.length; last += 1) {
    while (sorted[last]! - sorted[first]! >= windowMs) first += 1;
    busiest = Math.max(busiest, last - first + 1);
  }
  return busiest;
}

/**
 * Volume under the key's limit: every company researched at once (search, then the six parts of its record), all
 * through one key's limiter on a simulated clock, so an hour of the register's time passes in seconds.
 */
async function underTheLimit(): Promise<void> {
  forgetSharedRateLimiters();
  const time = new SimulatedTime();
  // The stand-in's own limit counts real time, which stands still here; the limiter's grants are what is measured.
  const standIn = await startCompaniesHouseStandIn({ fixtures: false, rateLimit: { limit: 1e9, windowMs: 1 } });
  try {
    const names = Array.from({ length: VOLUME }, (_, i) => addCompany(standIn, String(30_000_000 + i), i));
    const limiter = new RateLimiter({ limit: LIMIT, windowMs: WINDOW_MS, clock: time, sleep: time.sleep });
    const grants: number[] = [];
    const acquire = limiter.acquire.bind(limiter);
    limiter.acquire = async (...args: Parameters<typeof acquire>) => {
      const permit = await acquire(...args);
      grants.push(permit.grantedAt);
      return permit;
    };
    const client = new CompaniesHouseClient({
      apiKey: standIn.apiKey,
      baseUrl: standIn.url,
      limiter,
      clock: time,
      sleep: time.sleep,
      cache: new ResponseCache({ clock: time }),
      // Hundreds leave at one simulated instant; real-time seconds on a busy machine are not a register failure.
      timeoutMs: 120_000,
    });
    const register = new CompaniesHouseRegister(client);
    const started = time.ms;
    const wall = performance.now();
    const reports = await Promise.all(
      names.map((name) =>
        composeReport({
          subject: { name, postcode: 'IP11 3QW', chosenNumber: null, matchedNumber: null },
          crm: crmOf(name),
          register,
          llm: null,
          now: time.now(),
        }),
      ),
    );
    const matched = reports.filter((report) => report.registerMatch.status === 'matched').length;
    const simulatedMinutes = (time.ms - started) / 60_000;
    console.log(
      `research: ${VOLUME.toLocaleString('en-US')} companies at once under one key's limiter (${LIMIT} per 5 minutes, simulated clock)`,
    );
    console.log(
      `  ${grants.length.toLocaleString('en-US')} register requests in ${simulatedMinutes.toFixed(1)} simulated minutes ` +
        `(${((performance.now() - wall) / 1000).toFixed(1)} s real); busiest rolling 5 minutes: ` +
        `${busiestWindow(grants, WINDOW_MS)} requests; 429s from the register: ` +
        `${standIn.requests.filter((r) => r.status === 429).length}; ${matched.toLocaleString('en-US')} matched`,
    );
  } finally {
    await standIn.close();
    forgetSharedRateLimiters();
  }
}

export async function researchBench(): Promise<void> {
  await reportTimes();
  await underTheLimit();
}
