// The register's limit under a research agent's load: many companies researched at once, several resources of
// each, through clients made per company (as jobs make them), all sharing one key, on a simulated clock.
import {
  CompaniesHouseClient,
  forgetSharedRateLimiters,
  ResponseCache,
  sharedRateLimiter,
} from '../../src/integrations/companies-house/index.ts';
import { startCompaniesHouseStandIn, type CompaniesHouseStandIn } from '../stand-ins/companies-house/index.ts';
import { freshKey, SimulatedTime } from './support.ts';

let standIn: CompaniesHouseStandIn;

afterEach(async () => {
  forgetSharedRateLimiters();
  await standIn.close();
});

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

it('keeps 1,000 companies researched at once within 600 requests per rolling 5 minutes', async () => {
  const time = new SimulatedTime();
  const apiKey = freshKey('volume');
  // The stand-in's own limit counts real time, which stands still here; the limiter's grants are what is checked.
  standIn = await startCompaniesHouseStandIn({ apiKey, fixtures: false, rateLimit: { limit: 1e9, windowMs: 1 } });
  const numbers = Array.from({ length: 1_000 }, (_, i) => String(10_000_000 + i));
  for (const number of numbers) {
    standIn.addCompany(number, {
      profile: { company_name: `COMPANY ${number} LTD`, company_number: number, company_status: 'active', type: 'ltd' },
      officers: { items: [] },
    });
  }
  const limiter = sharedRateLimiter(apiKey, { clock: time, sleep: time.sleep });
  const sentAt: number[] = [];
  const acquire = limiter.acquire.bind(limiter);
  limiter.acquire = async () => {
    const permit = await acquire();
    sentAt.push(permit.grantedAt);
    return permit;
  };
  const cache = new ResponseCache({ clock: time });
  const started = time.ms;

  await Promise.all(
    numbers.map(async (number) => {
      // Up to 600 requests leave at one simulated instant: on a busy machine some take seconds of real time, which is
      // not the register failing, so the per-request timeout is set out of the way of what is measured here.
      const ch = new CompaniesHouseClient({
        apiKey,
        baseUrl: standIn.url,
        clock: time,
        sleep: time.sleep,
        cache,
        timeoutMs: 120_000,
      });
      const search = await ch.searchCompanies(`company ${number}`);
      const found = search.data.items[0]!.company_number;
      const [profile, officers] = await Promise.all([ch.profile(found), ch.officers(found)]);
      expect(profile.found && officers.found).toBe(true);
    }),
  );

  expect(standIn.requests).toHaveLength(3_000);
  expect(standIn.requests.every((request) => request.status === 200)).toBe(true);
  expect(sentAt).toHaveLength(3_000);
  expect(busiestWindow(sentAt, 300_000)).toBe(600);
  // 3,000 requests at 600 per 5 minutes: the last leaves after four full windows, not later.
  expect(time.ms - started).toBe(4 * 300_000);
}, 60_000);
