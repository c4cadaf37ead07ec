import { z } from 'zod';
import { Id, Money, Timestamp } from './common.ts';

export const ResearchRequest = z
  .strictObject({
    companyId: Id.optional(),
    leadId: Id.optional().meta({ description: "Researches the lead's company" }),
    refresh: z.boolean().default(false).meta({ description: 'Research again even when an unexpired report exists' }),
  })
  .refine((request) => (request.companyId === undefined) !== (request.leadId === undefined), {
    message: 'exactly one of companyId and leadId',
    path: ['companyId'],
  })
  .meta({ id: 'ResearchRequest', description: 'Which company to research: give exactly one of companyId and leadId' });
export type ResearchRequest = z.infer<typeof ResearchRequest>;

export const ResearchStatus = z.enum(['pending', 'running', 'completed', 'failed']).meta({ id: 'ResearchStatus' });
export type ResearchStatus = z.infer<typeof ResearchStatus>;

export const ResearchSource = z
  .object({
    name: z.string().meta({ description: 'e.g. Companies House, the company website, the CRM' }),
    url: z.string().nullable(),
  })
  .meta({ id: 'ResearchSource' });
export type ResearchSource = z.infer<typeof ResearchSource>;

export const Fact = z
  .object({
    id: Id,
    statement: z.string().meta({ description: 'The fact in one sentence' }),
    value: z
      .union([z.string(), z.number(), z.boolean(), z.null()])
      .meta({ description: 'The value stated, when it has one' }),
    source: ResearchSource,
  })
  .meta({ id: 'Fact', description: 'One sourced fact; every other part of a report cites facts by id' });
export type Fact = z.infer<typeof Fact>;

const FactIds = z.array(Id).meta({ description: 'Ids of the facts this rests on' });

export const KeyPerson = z
  .object({
    name: z.string(),
    role: z.string(),
    since: z.iso.date().nullable(),
    factIds: FactIds,
  })
  .meta({ id: 'KeyPerson' });
export type KeyPerson = z.infer<typeof KeyPerson>;

export const ResearchEvent = z
  .object({ date: z.iso.date(), title: z.string(), factIds: FactIds })
  .meta({ id: 'ResearchEvent', description: 'Something that recently happened to the company' });
export type ResearchEvent = z.infer<typeof ResearchEvent>;

export const RiskFlag = z
  .object({
    code: z.string().meta({ description: 'Stable machine name, e.g. accounts_overdue or insolvency_history' }),
    severity: z.enum(['low', 'medium', 'high']),
    text: z.string(),
    factIds: FactIds,
  })
  .meta({ id: 'RiskFlag' });
export type RiskFlag = z.infer<typeof RiskFlag>;

export const CrmContext = z
  .object({
    leadCount: z.number().int().min(0),
    openOpportunityCount: z.number().int().min(0),
    openPipeline: Money.nullable(),
    lastActivityAt: Timestamp.nullable(),
    accountOwnerId: Id.nullable(),
    competitors: z.array(z.string()).meta({ description: "Named on the company's opportunities" }),
  })
  .meta({ id: 'CrmContext', description: 'What the CRM already knows about the company' });
export type CrmContext = z.infer<typeof CrmContext>;

export const TalkingPoint = z.object({ text: z.string(), factIds: FactIds }).meta({ id: 'TalkingPoint' });
export type TalkingPoint = z.infer<typeof TalkingPoint>;

export const RegisterPart = z
  .enum(['profile', 'officers', 'psc', 'filings', 'charges', 'insolvency'])
  .meta({ id: 'RegisterPart', description: "A part of a company's register record" });
export type RegisterPart = z.infer<typeof RegisterPart>;

export const RegisterCandidate = z
  .object({
    companyNumber: z.string(),
    name: z.string(),
    status: z.string().nullable(),
    incorporatedOn: z.iso.date().nullable(),
    address: z.string().nullable(),
    confidence: z.number().min(0).max(1),
    evidence: z.array(z.string()).meta({ description: 'Why it may be the company, in words' }),
  })
  .meta({ id: 'RegisterCandidate', description: 'A register entry that may be the company' });
export type RegisterCandidate = z.infer<typeof RegisterCandidate>;

export const RegisterMatchStatus = z
  .enum(['matched', 'chosen', 'ambiguous', 'not_found', 'not_uk', 'unavailable', 'not_configured'])
  .meta({
    id: 'RegisterMatchStatus',
    description:
      'matched: found by name, domain and postcode; chosen: the register entry someone picked for the company; ambiguous: several candidates, pick one; not_found: no entry close enough, or the chosen number is unknown; not_uk: the CRM places the company outside the UK; unavailable: the register could not be read; not_configured: no register key on this service',
  });
export type RegisterMatchStatus = z.infer<typeof RegisterMatchStatus>;

export const RegisterMatch = z
  .object({
    register: z.string().meta({ description: 'e.g. Companies House' }),
    status: RegisterMatchStatus,
    companyNumber: z.string().nullable(),
    confidence: z.number().min(0).max(1).nullable(),
    candidates: z.array(RegisterCandidate).meta({ description: 'When ambiguous: the entries to pick from' }),
    missing: z.array(RegisterPart).meta({ description: 'Parts of the record the register did not answer for' }),
    message: z.string().meta({ description: 'What the status means, in plain words' }),
  })
  .meta({ id: 'RegisterMatch', description: 'How the company was found on the public register' });
export type RegisterMatch = z.infer<typeof RegisterMatch>;

export const RegisterEntryChoice = z
  .strictObject({
    companyNumber: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9]{1,8}$/, 'a company number such as 08123456 or SC123456')
      .nullable()
      .meta({ description: 'The register entry that is this company; null goes back to matching by name' }),
  })
  .meta({ id: 'RegisterEntryChoice' });
export type RegisterEntryChoice = z.infer<typeof RegisterEntryChoice>;

export const ResearchReport = z
  .object({
    id: Id,
    companyId: Id,
    status: ResearchStatus,
    overview: z.string().nullable().meta({ description: 'Null until the report is completed' }),
    overviewFactIds: FactIds,
    writtenBy: z
      .enum(['llm', 'templates'])
      .nullable()
      .meta({ description: 'Who wrote the overview and talking points from the facts; null until completed' }),
    registerMatch: RegisterMatch.nullable().meta({ description: 'Null until the register has been looked at' }),
    keyPeople: z.array(KeyPerson),
    recentEvents: z.array(ResearchEvent),
    riskFlags: z.array(RiskFlag),
    crmContext: CrmContext.nullable(),
    talkingPoints: z.array(TalkingPoint),
    facts: z.array(Fact),
    sources: z.array(ResearchSource),
    error: z.string().nullable().meta({ description: 'Why the research failed' }),
    createdAt: Timestamp,
    completedAt: Timestamp.nullable(),
    expiresAt: Timestamp.nullable().meta({ description: 'After this a request researches the company again' }),
  })
  .meta({ id: 'ResearchReport', description: 'A briefing on a company for a rep about to reach out' });
export type ResearchReport = z.infer<typeof ResearchReport>;

export const researchRequestExample: ResearchRequest = {
  leadId: '5d0c2a9e-3b7f-4e61-8a52-0f9d6c1b2e34',
  refresh: false,
};

const companiesHouse = (path: string) => ({
  name: 'Companies House',
  url: `https://find-and-update.company-information.service.gov.uk/company/08123456${path}`,
});

export const researchReportExample: ResearchReport = {
  id: '6c0e4a8f-2b5d-4e91-a7c3-f9d1b5e3a826',
  companyId: '0b6f6f1e-8f3c-4c1b-9d43-2a1f5e7c9a10',
  status: 'completed',
  overview:
    'Northwind Logistics Ltd is a road haulage firm (SIC 49410) incorporated in 2012, running a fleet of ' +
    'about 140 vehicles. A new director was appointed in September, and Trakwell Telematics is in the deal.',
  overviewFactIds: ['f1', 'f2', 'f3', 'f5', 'f6'],
  writtenBy: 'llm',
  registerMatch: {
    register: 'Companies House',
    status: 'matched',
    companyNumber: '08123456',
    confidence: 0.95,
    candidates: [
      {
        companyNumber: '08123456',
        name: 'NORTHWIND LOGISTICS LTD',
        status: 'active',
        incorporatedOn: '2012-06-14',
        address: '4 Dock Road, Felixstowe, IP11 3QW',
        confidence: 0.95,
        evidence: ['same name', 'same postcode'],
      },
    ],
    missing: [],
    message: 'Found on the register by name and postcode.',
  },
  keyPeople: [
    { name: 'Priya Raman', role: 'VP Operations', since: null, factIds: ['f4'] },
    { name: 'Daniel Okafor', role: 'Director', since: '2026-09-01', factIds: ['f3'] },
  ],
  recentEvents: [{ date: '2026-09-01', title: 'Daniel Okafor appointed director', factIds: ['f3'] }],
  riskFlags: [
    {
      code: 'competitor_trial',
      severity: 'medium',
      text: 'Trakwell Telematics is already in the deal',
      factIds: ['f5'],
    },
  ],
  crmContext: {
    leadCount: 2,
    openOpportunityCount: 1,
    openPipeline: { amount: 38000, currency: 'GBP' },
    lastActivityAt: '2026-11-19T15:30:00.000Z',
    accountOwnerId: '7a1e4c22-90b5-4f0e-b3a8-61d2c5e8f913',
    competitors: ['Trakwell Telematics'],
  },
  talkingPoints: [
    {
      text: 'A new operations director often reviews suppliers in the first six months: ask what Daniel wants changed.',
      factIds: ['f3'],
    },
    {
      text: 'With 140 vehicles, compare total cost per vehicle with Trakwell, driver app and tacho downloads included.',
      factIds: ['f5', 'f6'],
    },
  ],
  facts: [
    {
      id: 'f1',
      statement: 'Northwind Logistics Ltd was incorporated on 14 June 2012 and is active.',
      value: '2012-06-14',
      source: companiesHouse(''),
    },
    {
      id: 'f2',
      statement: 'Its nature of business is freight transport by road (SIC 49410).',
      value: '49410',
      source: companiesHouse(''),
    },
    {
      id: 'f3',
      statement: 'Daniel Okafor was appointed a director on 1 September 2026.',
      value: '2026-09-01',
      source: companiesHouse('/officers'),
    },
    {
      id: 'f4',
      statement: 'Priya Raman is VP Operations.',
      value: 'VP Operations',
      source: { name: 'CRM', url: null },
    },
    {
      id: 'f5',
      statement: 'Trakwell Telematics is named as a competitor on the open opportunity.',
      value: 'Trakwell Telematics',
      source: { name: 'CRM', url: null },
    },
    { id: 'f6', statement: 'The fleet has 140 vehicles.', value: 140, source: { name: 'CRM', url: null } },
  ],
  sources: [companiesHouse(''), companiesHouse('/officers'), { name: 'CRM', url: null }],
  error: null,
  createdAt: '2026-11-24T09:03:15.000Z',
  completedAt: '2026-11-24T09:03:21.000Z',
  expiresAt: '2026-12-24T09:03:21.000Z',
};

export const registerEntryChoiceExample: RegisterEntryChoice = { companyNumber: '08123456' };
