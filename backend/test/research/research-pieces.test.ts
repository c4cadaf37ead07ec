import type { Fact } from '@sdr/shared';
import { domainStem, isUkCountry, normalisePostcode } from '../../src/agents/research/register-clues.ts';
import { composeReport } from '../../src/agents/research/compose-report.ts';
import { FactBook } from '../../src/agents/research/fact-book.ts';
import { claimsOf, isGrounded } from '../../src/agents/research/grounding.ts';
import { matchRegisterEntry, type RegisterCandidate } from '../../src/agents/research/match-register.ts';
import { registerFindings } from '../../src/agents/research/register-facts.ts';
import type { RegisterRecord } from '../../src/agents/research/register-record.ts';
import { industryOfSic } from '../../src/agents/research/sic-sections.ts';
import { personName, yearsSince } from '../../src/agents/research/wording.ts';

const NOW = new Date('2026-11-24T09:00:00Z');

describe('register clues: domains, postcodes and countries', () => {
  it('takes the distinctive part of a domain and compares postcodes without spaces', () => {
    expect(domainStem('https://www.northwind-logistics.co.uk/about')).toBe('northwindlogistics');
    expect(domainStem('tesco.com')).toBe('tesco');
    expect(normalisePostcode('sw1a 1aa')).toEqual({ full: 'SW1A1AA', outward: 'SW1A' });
    expect([isUkCountry('United Kingdom'), isUkCountry('gb'), isUkCountry('France'), isUkCountry('')]).toEqual([
      true,
      true,
      false,
      null,
    ]);
  });
});

describe('matching a CRM company to the register', () => {
  const entry = (companyNumber: string, name: string, extra: Partial<RegisterCandidate> = {}): RegisterCandidate => ({
    companyNumber,
    name,
    status: 'active',
    incorporatedOn: '2012-06-14',
    postcode: 'IP11 3QW',
    address: '4 Dock Road, Felixstowe, IP11 3QW',
    ...extra,
  });

  it('takes one clear match, with its confidence and why', () => {
    const found = matchRegisterEntry(
      { name: 'Northwind Logistics', postcode: 'ip11 3qw', domain: 'northwindlogistics.co.uk' },
      [
        entry('08123456', 'NORTHWIND LOGISTICS LTD'),
        entry('01234567', 'NORTHERN WIND LOGISTICS LIMITED', { postcode: 'M1 1AA' }),
      ],
    );
    expect(found.status).toBe('matched');
    if (found.status !== 'matched') return;
    expect(found.match.companyNumber).toBe('08123456');
    expect(found.match.confidence).toBeGreaterThanOrEqual(0.85);
    expect(found.match.evidence).toEqual(expect.arrayContaining(['same name', 'same postcode']));
  });

  it('lists candidates when two entries fit equally, and prefers the trading one to a dissolved namesake', () => {
    const twins = matchRegisterEntry({ name: 'Acme Ltd' }, [
      entry('00000001', 'ACME LIMITED', { postcode: 'E1 6AN' }),
      entry('00000002', 'ACME LTD', { postcode: 'M1 1AA' }),
    ]);
    expect(twins.status).toBe('ambiguous');
    expect(twins.candidates.map((c) => c.companyNumber)).toEqual(['00000001', '00000002']);

    const namesake = matchRegisterEntry({ name: 'Acme Ltd' }, [
      entry('00000003', 'ACME LIMITED', { status: 'dissolved' }),
      entry('00000004', 'ACME LIMITED'),
    ]);
    expect(namesake.status).toBe('matched');
    if (namesake.status === 'matched') expect(namesake.match.companyNumber).toBe('00000004');
  });

  it('finds nothing for unrelated names, and does not search for a company outside the UK', () => {
    expect(matchRegisterEntry({ name: 'Globex' }, [entry('1', 'INITECH SOLUTIONS LTD')]).status).toBe('none');
    expect(matchRegisterEntry({ name: 'Acme', country: 'Germany' }, [entry('1', 'ACME LTD')]).status).toBe('not_uk');
  });
});

const record: RegisterRecord = {
  companyNumber: '08123456',
  profile: {
    name: 'NORTHWIND LOGISTICS LTD',
    status: 'active',
    statusDetail: null,
    type: 'ltd',
    incorporatedOn: '2012-06-14',
    ceasedOn: null,
    sicCodes: ['49410'],
    registeredOffice: '4 Dock Road, Felixstowe, IP11 3QW',
    accounts: { nextDue: '2026-09-30', overdue: true, lastMadeUpTo: '2024-12-31' },
    confirmationStatement: { nextDue: '2027-06-28', overdue: false },
    hasCharges: true,
    hasInsolvencyHistory: false,
    previousNames: [{ name: 'NORTHWIND HAULAGE LTD', effectiveFrom: '2012-06-14', ceasedOn: '2026-03-02' }],
  },
  officers: [
    {
      name: 'OKAFOR, Daniel James',
      role: 'director',
      appointedOn: '2026-09-01',
      resignedOn: null,
      occupation: 'Director',
    },
    { name: 'RAMAN, Priya', role: 'director', appointedOn: '2015-01-10', resignedOn: null, occupation: null },
    { name: 'SMITH, John', role: 'director', appointedOn: '2012-06-14', resignedOn: '2026-08-31', occupation: null },
    { name: 'JONES, Ann', role: 'secretary', appointedOn: '2013-01-01', resignedOn: null, occupation: null },
  ],
  psc: [
    {
      name: 'Ms Priya Raman',
      kind: 'individual-person-with-significant-control',
      naturesOfControl: ['ownership-of-shares-75-to-100-percent'],
      notifiedOn: '2016-04-06',
      ceasedOn: null,
    },
  ],
  filings: [
    { date: '2026-07-01', category: 'confirmation-statement', type: 'CS01', description: 'Confirmation statement' },
    { date: '2024-07-01', category: 'confirmation-statement', type: 'CS01', description: 'Confirmation statement' },
  ],
  charges: [
    {
      status: 'outstanding',
      createdOn: '2026-05-20',
      classification: 'A registered charge',
      personsEntitled: ['Barclays Bank PLC'],
    },
  ],
  insolvencyCases: [],
  links: {
    profile: 'https://find-and-update.company-information.service.gov.uk/company/08123456',
    officers: 'https://find-and-update.company-information.service.gov.uk/company/08123456/officers',
    psc: 'https://find-and-update.company-information.service.gov.uk/company/08123456/persons-with-significant-control',
    filings: 'https://find-and-update.company-information.service.gov.uk/company/08123456/filing-history',
    charges: 'https://find-and-update.company-information.service.gov.uk/company/08123456/charges',
    insolvency: 'https://find-and-update.company-information.service.gov.uk/company/08123456/insolvency',
  },
  unavailable: [],
};

describe('facts from the register', () => {
  it('states the overview, people, recent events and risks, each citing the page it came from', () => {
    const book = new FactBook();
    const found = registerFindings(record, book, NOW);
    const facts = book.facts;
    const text = (id: string) => facts.find((fact) => fact.id === id)!.statement;
    expect(found.overview.map(text)).toEqual([
      'NORTHWIND LOGISTICS LTD is a private limited company, company number 08123456, and its status is active.',
      'NORTHWIND LOGISTICS LTD was incorporated on 14 June 2012.',
      'NORTHWIND LOGISTICS LTD is 14 years old.',
      'Its nature of business is given as SIC 49410 (Transportation and storage).',
      'Its registered office is 4 Dock Road, Felixstowe, IP11 3QW.',
    ]);
    expect(found.keyPeople.map((p) => [p.name, p.role, p.since])).toEqual([
      ['Daniel James Okafor', 'Director', '2026-09-01'],
      ['Priya Raman', 'Director', '2015-01-10'],
      ['Ms Priya Raman', 'Person with significant control (owns 75–100% of the shares)', '2016-04-06'],
    ]);
    expect(found.recentEvents.map((e) => [e.date, e.title])).toEqual([
      ['2026-09-30', 'Accounts became overdue'],
      ['2026-09-01', 'Daniel James Okafor appointed director'],
      ['2026-08-31', 'John Smith stepped down as director'],
      ['2026-07-01', 'Confirmation statement'],
      ['2026-05-20', 'New charge in favour of Barclays Bank PLC'],
      ['2026-03-02', 'Changed its name from NORTHWIND HAULAGE LTD'],
    ]);
    expect(found.riskFlags.map((f) => [f.code, f.severity])).toEqual([['accounts_overdue', 'high']]);
    for (const fact of facts)
      expect(fact.source.url).toMatch(
        /^https:\/\/find-and-update\.company-information\.service\.gov\.uk\/company\/08123456/,
      );
    const officerFact = found.keyPeople[0]!.factIds[0]!;
    expect(facts.find((f) => f.id === officerFact)!.source.url).toMatch(/\/officers$/);
    // Every id cited anywhere is a fact of the report.
    const cited = [...found.overview, ...found.keyPeople, ...found.recentEvents, ...found.riskFlags].flatMap((part) =>
      typeof part === 'string' ? [part] : part.factIds,
    );
    for (const id of cited) expect(book.has(id)).toBe(true);
  });

  it('says nothing of a part the register did not answer for', () => {
    const book = new FactBook();
    const found = registerFindings(
      { ...record, officers: null, psc: null, unavailable: ['officers', 'psc'] },
      book,
      NOW,
    );
    expect(found.keyPeople).toEqual([]);
    expect(book.facts.some((fact) => /officers|persons-with/.test(fact.source.url ?? ''))).toBe(false);
  });

  it('flags a company in liquidation with insolvency history', () => {
    const book = new FactBook();
    const found = registerFindings(
      {
        ...record,
        profile: { ...record.profile!, status: 'liquidation', accounts: null },
        insolvencyCases: [
          { type: 'creditors-voluntary-liquidation', dates: [{ type: 'wound-up-on', date: '2026-10-01' }] },
        ],
      },
      book,
      NOW,
    );
    expect(found.riskFlags.map((f) => f.code)).toEqual(['not_active', 'insolvency_history']);
  });

  it('words register values as people say them', () => {
    expect(personName('OKAFOR, Daniel James')).toBe('Daniel James Okafor');
    expect(personName("O'BRIEN-SMITH, Mary")).toBe("Mary O'Brien-Smith");
    expect(personName('ACME NOMINEES LIMITED')).toBe('ACME NOMINEES LIMITED');
    expect(yearsSince('2012-11-25', NOW)).toBe(13);
    expect(industryOfSic('62012')).toBe('Information and communication');
    expect(industryOfSic('1110')).toBe('Agriculture, forestry and fishing');
    expect(industryOfSic('x')).toBeNull();
  });
});

describe('grounding a sentence in the facts it cites', () => {
  const facts: Fact[] = [
    {
      id: 'f1',
      statement: 'Daniel Okafor was appointed a director on 1 September 2026.',
      value: '2026-09-01',
      source: { name: 'Companies House', url: null },
    },
    { id: 'f2', statement: 'The fleet has 140 vehicles.', value: 140, source: { name: 'CRM', url: null } },
  ];

  it('accepts new wording of the same claims', () => {
    expect(isGrounded('Ask Daniel Okafor, director since 1 September 2026, what he wants changed.', [facts[0]!])).toBe(
      true,
    );
    expect(isGrounded('With 140 vehicles, running costs matter.', [facts[1]!])).toBe(true);
  });

  it('refuses a number, date or name that no cited fact holds', () => {
    expect(isGrounded('The fleet has 160 vehicles.', [facts[1]!])).toBe(false);
    expect(isGrounded('Daniel Okafor joined in 2025.', [facts[0]!])).toBe(false);
    expect(isGrounded('Globex acquired the company.', facts)).toBe(false);
    expect(isGrounded('Daniel Okafor was appointed a director on 1 September 2026.', [facts[1]!])).toBe(false);
  });

  it('finds the claims in a sentence', () => {
    expect(claimsOf('Ask Priya Raman about the 140 vehicles and Trakwell Telematics.')).toEqual([
      '140',
      'Priya Raman',
      'Trakwell Telematics',
    ]);
  });
});

describe('a report from the CRM alone', () => {
  it('still gives three talking points when the CRM knows enough, each resting on its facts', async () => {
    const report = await composeReport({
      subject: { name: 'Northwind Logistics', chosenNumber: null, matchedNumber: null },
      crm: {
        companyName: 'Northwind Logistics',
        leadCount: 2,
        openOpportunities: [{ name: 'Rollout', amount: 38_000, currency: 'GBP', competitors: ['Samsara'] }],
        lastActivity: { at: new Date('2026-11-19T15:30:00Z'), kind: 'call', subject: 'Discovery call' },
        accountOwner: null,
        contacts: [{ name: 'Priya Raman', title: 'VP Operations' }],
        employees: 140,
      },
      register: null,
      llm: null,
      now: NOW,
    });
    expect(report.registerMatch.status).toBe('not_configured');
    expect(report.talkingPoints.length).toBeGreaterThanOrEqual(3);
    expect(report.talkingPoints.length).toBeLessThanOrEqual(5);
    const ids = new Set(report.facts.map((fact) => fact.id));
    for (const point of report.talkingPoints) for (const id of point.factIds) expect(ids).toContain(id);
    expect(report.crmContext).toMatchObject({
      openPipeline: { amount: 38_000, currency: 'GBP' },
      competitors: ['Samsara'],
    });
    expect(report.keyPeople).toEqual([expect.objectContaining({ name: 'Priya Raman', role: 'VP Operations' })]);
  });
});
