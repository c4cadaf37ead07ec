import express, { type NextFunction, type Request, type Response } from 'express';
import type { FaultPlan } from './faults.ts';
import type { CompanyRecord, Resource } from './fixtures.ts';
import type { RateWindow } from './rate-window.ts';
import { recordRequests, type RecordedRequest } from './request-log.ts';

export interface StandInParts {
  apiKeys: ReadonlySet<string>;
  companies: Map<string, CompanyRecord>;
  searches: Map<string, unknown>;
  rateWindow: RateWindow;
  faults: FaultPlan;
  log: RecordedRequest[];
}

// The register's error bodies: `{ errors: [{ error, type: 'ch:service' }] }`; a bad key gets a body of its own.
const errorBody = (error: string) => ({ errors: [{ error, type: 'ch:service' }] });
const NOT_FOUND: Record<Resource, string> = {
  profile: 'company-profile-not-found',
  officers: 'company-officers-not-found',
  psc: 'company-psc-not-found',
  'filing-history': 'filing-history-not-found',
  charges: 'company-charges-not-found',
  insolvency: 'company-insolvency-not-found',
};

/** The key from `Authorization: Basic base64(key:)`, the register's scheme; undefined when absent or malformed. */
function basicKey(header: string | undefined): string | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : decoded.slice(0, colon);
}

function wait(ms: number, res: Response): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      res.off('close', gone);
      resolve(true);
    }, ms);
    const gone = () => {
      clearTimeout(timer);
      resolve(false);
    };
    res.once('close', gone);
  });
}

function intParam(value: unknown, fallback: number): number {
  const number = Number(value);
  return Number.isInteger(number) && number >= 0 ? number : fallback;
}

// A list resource cut to the page asked for, as the register pages: `items_per_page` and `start_index`.
function page(list: unknown, query: Request['query'], defaultItems: number): unknown {
  const { items = [], ...rest } = list as { items?: unknown[] };
  const start = intParam(query.start_index, 0);
  const size = Math.min(100, Math.max(1, intParam(query.items_per_page, defaultItems)));
  return { ...rest, items: items.slice(start, start + size), items_per_page: size, start_index: start };
}

function addressSnippet(address: Record<string, string> | undefined): string | undefined {
  if (!address) return undefined;
  const parts = ['premises', 'address_line_1', 'address_line_2', 'locality', 'region', 'country', 'postal_code'];
  return parts
    .map((part) => address[part])
    .filter(Boolean)
    .join(', ');
}

// A search hit made from a company's profile, with the fields the register's search gives.
function searchItem(profile: Record<string, unknown>) {
  const address = profile.registered_office_address as Record<string, string> | undefined;
  return {
    kind: 'searchresults#company',
    title: profile.company_name,
    company_number: profile.company_number,
    company_status: profile.company_status,
    company_type: profile.type,
    date_of_creation: profile.date_of_creation,
    ...(profile.date_of_cessation ? { date_of_cessation: profile.date_of_cessation } : {}),
    ...(address ? { address, address_snippet: addressSnippet(address) } : {}),
    links: { self: `/company/${String(profile.company_number)}` },
  };
}

function searchAnswer(parts: StandInParts, q: string, query: Request['query']): unknown {
  const canned = parts.searches.get(q.toLowerCase());
  if (canned) return page(canned, query, 20);
  const wanted = q.toLowerCase();
  const items = [...parts.companies.values()]
    .map((record) => record.profile as Record<string, unknown> | undefined)
    .filter((profile): profile is Record<string, unknown> => {
      if (!profile) return false;
      const names = [
        String(profile.company_name),
        ...((profile.previous_company_names as { name: string }[] | undefined) ?? []).map((p) => p.name),
      ];
      return (
        String(profile.company_number) === q.toUpperCase() || names.some((name) => name.toLowerCase().includes(wanted))
      );
    })
    .map(searchItem);
  return page({ kind: 'search#companies', total_results: items.length, items, page_number: 1 }, query, 20);
}

export function createHttpApp(parts: StandInParts): express.Express {
  const { apiKeys, companies, rateWindow, faults, log } = parts;
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(recordRequests(log));

  app.use((req, res, next) => {
    const key = basicKey(req.get('authorization'));
    if (key === undefined || !apiKeys.has(key)) {
      res.status(401).json({ error: 'Invalid Authorization', type: 'ch:service' });
      return;
    }
    const rate = rateWindow.take(key);
    res.set({
      'X-Ratelimit-Limit': String(rate.limit),
      'X-Ratelimit-Remain': String(Math.max(0, rate.remaining)),
      'X-Ratelimit-Reset': String(rate.reset),
      'X-Ratelimit-Window': rate.window,
    });
    if (!rate.allowed) {
      res.status(429).json(errorBody('rate-limit-exceeded'));
      return;
    }
    next();
  });

  // Planned faults, after authentication and the limit (the register counts every request it answers).
  app.use(async (req: Request, res: Response, next: NextFunction) => {
    const fault = faults.take(req.path);
    if (!fault) return next();
    if (fault.delayMs && !(await wait(fault.delayMs, res))) return;
    if (fault.dropConnection) {
      res.socket?.destroy();
      return;
    }
    if (fault.status === undefined && fault.body === undefined) return next();
    const status = fault.status ?? 200;
    res.status(status).set({
      ...(fault.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(fault.retryAfterSeconds) }),
      ...fault.headers,
    });
    if (typeof fault.body === 'string') res.type('text/html').send(fault.body);
    else res.json(fault.body ?? errorBody(status === 429 ? 'rate-limit-exceeded' : 'internal-server-error'));
  });

  app.get('/search/companies', (req, res) => {
    const q = typeof req.query.q === 'string' ? req.query.q.trim() : '';
    if (!q) {
      res.status(400).json(errorBody('q-required'));
      return;
    }
    res.json(searchAnswer(parts, q, req.query));
  });

  const serve = (resource: Resource, suffix: string, defaultItems?: number) => {
    app.get(`/company/:number${suffix}`, (req, res) => {
      const record = companies.get(String(req.params.number).toUpperCase());
      let answer = record?.[resource];
      if (answer === undefined) {
        res.status(404).json(errorBody(NOT_FOUND[resource]));
        return;
      }
      if (resource === 'filing-history' && typeof req.query.category === 'string') {
        const categories = new Set(req.query.category.split(','));
        const list = answer as { items?: { category: string }[] };
        const items = (list.items ?? []).filter((item) => categories.has(item.category));
        answer = { ...list, items, total_count: items.length };
      }
      res.json(defaultItems === undefined ? answer : page(answer, req.query, defaultItems));
    });
  };
  serve('profile', '');
  serve('officers', '/officers', 35);
  serve('psc', '/persons-with-significant-control', 25);
  serve('filing-history', '/filing-history', 25);
  serve('charges', '/charges', 25);
  serve('insolvency', '/insolvency');

  app.use((_req: Request, res: Response) => {
    res.status(404).json(errorBody('not-found'));
  });
  return app;
}
