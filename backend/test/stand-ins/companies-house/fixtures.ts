// The register records the stand-in serves: `fixtures/<company number>/<resource>.json`, and canned search answers
// in `fixtures/search/<query>.json`. See fixtures/README.md for where each came from.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

export const RESOURCES = ['profile', 'officers', 'psc', 'filing-history', 'charges', 'insolvency'] as const;
export type Resource = (typeof RESOURCES)[number];

/** What the register holds for one company; a resource left out answers 404, as the API does when there is none. */
export type CompanyRecord = Partial<Record<Resource, unknown>>;

export interface Fixtures {
  companies: Map<string, CompanyRecord>;
  /** Search answers by lower-case query. */
  searches: Map<string, unknown>;
}

const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));

export function loadFixtures(dir = FIXTURES_DIR): Fixtures {
  const companies = new Map<string, CompanyRecord>();
  const searches = new Map<string, unknown>();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const folder = path.join(dir, entry.name);
    const files = readdirSync(folder).filter((file) => file.endsWith('.json'));
    if (entry.name === 'search') {
      for (const file of files)
        searches.set(path.basename(file, '.json').toLowerCase(), readJson(path.join(folder, file)));
      continue;
    }
    const record: CompanyRecord = {};
    for (const file of files) {
      const resource = path.basename(file, '.json') as Resource;
      if (RESOURCES.includes(resource)) record[resource] = readJson(path.join(folder, file));
    }
    companies.set(entry.name.toUpperCase(), record);
  }
  return { companies, searches };
}
