import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import {
  ChargeList,
  CompanyInsolvency,
  CompanyProfile,
  CompanySearchResult,
  FilingHistoryList,
  OfficerList,
  PscList,
} from '../../src/integrations/companies-house/index.ts';
import { FIXTURES_DIR } from '../stand-ins/companies-house/index.ts';

const SCHEMAS: Record<string, z.ZodType> = {
  profile: CompanyProfile,
  officers: OfficerList,
  psc: PscList,
  'filing-history': FilingHistoryList,
  charges: ChargeList,
  insolvency: CompanyInsolvency,
};

const read = (...parts: string[]): unknown => JSON.parse(readFileSync(path.join(FIXTURES_DIR, ...parts), 'utf8'));

const fixtureFiles = readdirSync(FIXTURES_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((entry) =>
    readdirSync(path.join(FIXTURES_DIR, entry.name))
      .filter((file) => file.endsWith('.json'))
      .map((file) => [entry.name, file] as const),
  );

describe('register fixtures', () => {
  it.each(fixtureFiles)('%s/%s parses with its schema', (folder, file) => {
    const schema = folder === 'search' ? CompanySearchResult : SCHEMAS[path.basename(file, '.json')];
    expect(schema).toBeDefined();
    const parsed = schema!.safeParse(read(folder, file));
    expect(parsed.error?.issues ?? []).toEqual([]);
  });

  it('reads a profile into typed fields, keeping fields it does not name', () => {
    const profile = CompanyProfile.parse(read('00002065', 'profile.json'));

    expect(profile).toMatchObject({
      company_name: 'LLOYDS BANK PLC',
      company_status: 'active',
      date_of_creation: '1865-04-20',
      type: 'plc',
      sic_codes: ['64191'],
      has_charges: false,
      has_insolvency_history: false,
    });
    expect(profile.accounts?.next_due).toBe('2027-06-30');
    expect(profile.accounts?.last_accounts?.made_up_to).toBe('2025-12-31');
    expect(profile.confirmation_statement).toMatchObject({ next_due: '2027-05-20', overdue: false });
    expect(profile.previous_company_names.map((name) => name.name)).toContain('LLOYDS TSB BANK PLC');
    expect(profile.registered_office_address?.postal_code).toBe('EC2V 7HN');
    expect((profile as Record<string, unknown>).can_file).toBe(true);
  });

  it('fills the lists a sparse answer leaves out', () => {
    const profile = CompanyProfile.parse({
      company_name: 'X LTD',
      company_number: '01234567',
      company_status: 'active',
      type: 'ltd',
    });
    expect(profile).toMatchObject({ sic_codes: [], previous_company_names: [], has_charges: false });

    const insolvency = CompanyInsolvency.parse(read('12325716', 'insolvency.json'));
    expect(insolvency.cases).toEqual([
      { number: '1', type: 'creditors-voluntary-liquidation', dates: [], practitioners: [] },
    ]);
  });

  it('reads officers, PSCs, filings, charges and insolvency cases', () => {
    const officer = OfficerList.parse(read('13090621', 'officers.json')).items[0]!;
    expect(officer).toMatchObject({ name: 'FRAY, Shelley Ann', officer_role: 'director', appointed_on: '2020-12-18' });
    expect(officer.links?.officer?.appointments).toMatch(/^\/officers\/.+\/appointments$/);

    const psc = PscList.parse(read('13090621', 'psc.json')).items[0]!;
    expect(psc.natures_of_control).toContain('ownership-of-shares-75-to-100-percent');
    expect(psc.ceased_on).toBeUndefined();

    const filings = FilingHistoryList.parse(read('13090621', 'filing-history.json')).items;
    expect(filings.map((filing) => filing.type)).toEqual(['CS01', 'AA', 'AD01']);
    expect(filings[1]!.description_values).toEqual({ made_up_date: '2021-12-31' });
    expect(filings[0]!.links?.document_metadata).toMatch(/^https:\/\//);

    const charge = ChargeList.parse(read('02723534', 'charges.json')).items[0]!;
    expect(charge).toMatchObject({ status: 'outstanding', created_on: '2014-11-26', delivered_on: '2014-12-04' });
    expect(charge.classification.description).toBe('A registered charge');
    expect(charge.persons_entitled[0]!.name.trim()).toBe('Astrazeneca Pensions Trustee Limited');

    const cases = CompanyInsolvency.parse(read('04271746', 'insolvency.json')).cases;
    expect(cases.map((c) => c.type)).toEqual(['in-administration', 'creditors-voluntary-liquidation']);
    expect(cases[1]!.dates).toEqual([{ date: '2015-12-31', type: 'wound-up-on' }]);
    expect(cases[1]!.practitioners[0]).toMatchObject({ name: 'Neil Charles Money', role: 'proposed-liquidator' });
  });

  it('refuses answers that would give wrong facts', () => {
    const profile = read('00002065', 'profile.json') as Record<string, unknown>;
    expect(CompanyProfile.safeParse({ ...profile, company_status: undefined }).success).toBe(false);
    expect(CompanyProfile.safeParse({ ...profile, date_of_creation: '20/04/1865' }).success).toBe(false);
    expect(CompanyProfile.safeParse({ ...profile, sic_codes: '64191' }).success).toBe(false);
    expect(CompanyProfile.safeParse({ ...profile, has_charges: 'no' }).success).toBe(false);
    expect(OfficerList.safeParse({ items: [{ name: 'X' }] }).success).toBe(false);
    expect(ChargeList.safeParse({ items: [{ status: 'outstanding' }] }).success).toBe(false);
    expect(CompanyInsolvency.safeParse({ cases: [{ dates: [] }] }).success).toBe(false);
    expect(CompanySearchResult.safeParse({ items: [{ title: 'NO NUMBER LTD' }] }).success).toBe(false);
  });
});
