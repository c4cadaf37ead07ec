import { RegisterOutage, type CompanyRegister } from '../../src/agents/research/company-register.ts';
import type { RegisterCandidate } from '../../src/agents/research/match-register.ts';
import type { RegisterRecord } from '../../src/agents/research/register-record.ts';

const page = (number: string, part = '') =>
  `https://find-and-update.company-information.service.gov.uk/company/${number}${part}`;

export function linksOf(number: string): RegisterRecord['links'] {
  return {
    profile: page(number),
    officers: page(number, '/officers'),
    psc: page(number, '/persons-with-significant-control'),
    filings: page(number, '/filing-history'),
    charges: page(number, '/charges'),
    insolvency: page(number, '/insolvency'),
  };
}

export const northwind: RegisterRecord = {
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
    accounts: { nextDue: '2027-09-30', overdue: false, lastMadeUpTo: '2025-12-31' },
    confirmationStatement: { nextDue: '2027-06-28', overdue: false },
    hasCharges: false,
    hasInsolvencyHistory: false,
    previousNames: [],
  },
  officers: [
    { name: 'OKAFOR, Daniel', role: 'director', appointedOn: '2026-09-01', resignedOn: null, occupation: 'Director' },
  ],
  psc: [],
  filings: [],
  charges: [],
  insolvencyCases: [],
  links: linksOf('08123456'),
  unavailable: [],
};

/** An in-memory register: the agent's port over records the test sets, with an outage switch and a call count. */
export class FakeRegister implements CompanyRegister {
  readonly name = 'Companies House';
  readonly records = new Map<string, RegisterRecord>([[northwind.companyNumber, northwind]]);
  candidates: RegisterCandidate[] = [
    {
      companyNumber: '08123456',
      name: 'NORTHWIND LOGISTICS LTD',
      status: 'active',
      incorporatedOn: '2012-06-14',
      postcode: 'IP11 3QW',
      address: '4 Dock Road, Felixstowe, IP11 3QW',
    },
  ];
  down = false;
  calls = 0;

  async search(): Promise<RegisterCandidate[]> {
    this.calls += 1;
    if (this.down) throw new RegisterOutage('the register answered 503', 'outage');
    return this.candidates;
  }

  async record(companyNumber: string): Promise<RegisterRecord | null> {
    this.calls += 1;
    if (this.down) throw new RegisterOutage('the register answered 503', 'outage');
    return this.records.get(companyNumber) ?? null;
  }

  normaliseNumber(companyNumber: string): string | null {
    const trimmed = companyNumber.trim().toUpperCase();
    return /^\d{1,8}$/.test(trimmed) ? trimmed.padStart(8, '0') : /^[A-Z]{2}\d{6}$/.test(trimmed) ? trimmed : null;
  }
}
