import type {
  Fact,
  KeyPerson,
  RegisterMatch,
  ResearchEvent,
  ResearchSource,
  RiskFlag,
  TalkingPoint,
} from '@sdr/shared';
import type { LlmPort } from '../../integrations/llm/index.ts';
import { RegisterOutage, type CompanyRegister } from './company-register.ts';
import { crmFindings, type CrmSummary } from './crm-findings.ts';
import { FactBook } from './fact-book.ts';
import { matchRegisterEntry, type CompanyClues, type ScoredCandidate } from './match-register.ts';
import { isUkCountry } from './register-clues.ts';
import { writeNarrative } from './narrative.ts';
import { registerFindings } from './register-facts.ts';
import type { RegisterRecord } from './register-record.ts';
import { talkingPointsFromTemplates } from './talking-points.ts';

export interface ResearchSubject extends CompanyClues {
  /** The register entry someone picked for this company: used as it is, never replaced by a match. */
  chosenNumber: string | null;
  /** The entry an earlier match found: used again without searching, unless it has vanished. */
  matchedNumber: string | null;
}

export interface ComposedReport {
  overview: string | null;
  overviewFactIds: string[];
  writtenBy: 'llm' | 'templates';
  registerMatch: RegisterMatch;
  keyPeople: KeyPerson[];
  recentEvents: ResearchEvent[];
  riskFlags: RiskFlag[];
  crmContext: ReturnType<typeof crmFindings>['context'];
  talkingPoints: TalkingPoint[];
  facts: Fact[];
  sources: ResearchSource[];
  /** The number the match settled on, for the company to keep (null: nothing new to keep). */
  newlyMatchedNumber: string | null;
}

const candidateView = (candidate: ScoredCandidate) => ({
  companyNumber: candidate.companyNumber,
  name: candidate.name,
  status: candidate.status,
  incorporatedOn: candidate.incorporatedOn,
  address: candidate.address,
  confidence: candidate.confidence,
  evidence: candidate.evidence,
});

const MISSING_WORDS: Record<RegisterRecord['unavailable'][number], string> = {
  profile: 'the company profile',
  officers: 'the officers',
  psc: 'the people with significant control',
  filings: 'the filing history',
  charges: 'the charges',
  insolvency: 'the insolvency record',
};

/** Finds the company on the register: the chosen entry, the earlier match, or a search scored by the matcher. */
async function locate(
  subject: ResearchSubject,
  register: CompanyRegister,
  signal?: AbortSignal,
): Promise<{ match: RegisterMatch; record: RegisterRecord | null; newlyMatched: string | null }> {
  const base = { register: register.name, candidates: [], missing: [] };
  const chosen = subject.chosenNumber ?? subject.matchedNumber;
  if (chosen) {
    const number = register.normaliseNumber(chosen);
    const record = number ? await register.record(number, signal) : null;
    if (record)
      return {
        match: {
          ...base,
          status: subject.chosenNumber ? 'chosen' : 'matched',
          companyNumber: record.companyNumber,
          confidence: subject.chosenNumber ? 1 : null,
          missing: record.unavailable,
          message: subject.chosenNumber
            ? `Using register entry ${record.companyNumber}, as chosen for this company.`
            : `Found on the register as ${record.companyNumber}.`,
        },
        record,
        newlyMatched: null,
      };
    if (subject.chosenNumber)
      return {
        match: {
          ...base,
          status: 'not_found',
          companyNumber: chosen,
          confidence: null,
          message: `The register has no company number ${chosen}. Choose the right entry for this company.`,
        },
        record: null,
        newlyMatched: null,
      };
  }
  // A company the CRM places abroad costs no search from the key's budget.
  const found =
    isUkCountry(subject.country) === false
      ? matchRegisterEntry(subject, [])
      : matchRegisterEntry(subject, await register.search(subject.name, signal));
  if (found.status === 'not_uk')
    return {
      match: {
        ...base,
        status: 'not_uk',
        companyNumber: null,
        confidence: null,
        message: `The CRM places this company in ${subject.country}, so it was not looked up on the UK register.`,
      },
      record: null,
      newlyMatched: null,
    };
  if (found.status !== 'matched')
    return {
      match: {
        ...base,
        status: found.status === 'ambiguous' ? 'ambiguous' : 'not_found',
        companyNumber: null,
        confidence: null,
        candidates: found.candidates.map(candidateView),
        message:
          found.status === 'ambiguous'
            ? `${found.candidates.length} register entries could be this company: pick the right one.`
            : `No register entry is close enough to "${subject.name}". Choose the entry if you know its number.`,
      },
      record: null,
      newlyMatched: null,
    };
  const record = await register.record(found.match.companyNumber, signal);
  if (!record)
    return {
      match: {
        ...base,
        status: 'not_found',
        companyNumber: null,
        confidence: null,
        candidates: found.candidates.map(candidateView),
        message: 'The matching register entry could not be opened: pick another or try again later.',
      },
      record: null,
      newlyMatched: null,
    };
  return {
    match: {
      ...base,
      status: 'matched',
      companyNumber: record.companyNumber,
      confidence: found.match.confidence,
      candidates: found.candidates.map(candidateView),
      missing: record.unavailable,
      message: `Found on the register (${found.match.evidence.join(', ')}).`,
    },
    record,
    newlyMatched: record.companyNumber,
  };
}

/**
 * One company's research: the register's record (when there is a register and the company is on it) and the CRM's
 * context as sourced facts, then people, events, risks, overview and talking points resting on those facts. Register
 * trouble never loses the CRM's half: the report says what could not be read.
 */
export async function composeReport(input: {
  subject: ResearchSubject;
  crm: CrmSummary;
  register: CompanyRegister | null;
  llm: LlmPort | null;
  now: Date;
  signal?: AbortSignal;
}): Promise<ComposedReport> {
  const book = new FactBook();
  let match: RegisterMatch;
  let record: RegisterRecord | null = null;
  let newlyMatched: string | null = null;
  if (!input.register) {
    match = {
      register: 'Companies House',
      status: 'not_configured',
      companyNumber: null,
      confidence: null,
      candidates: [],
      missing: [],
      message: 'No company register is connected to this service: the report uses the CRM only.',
    };
  } else {
    try {
      ({ match, record, newlyMatched } = await locate(input.subject, input.register, input.signal));
    } catch (error) {
      if (!(error instanceof RegisterOutage)) throw error;
      match = {
        register: input.register.name,
        status: 'unavailable',
        companyNumber: input.subject.chosenNumber ?? input.subject.matchedNumber,
        confidence: null,
        candidates: [],
        missing: ['profile', 'officers', 'psc', 'filings', 'charges', 'insolvency'],
        message: `${input.register.name} could not be reached (${error.message}); the report uses the CRM only. Refresh it later.`,
      };
    }
  }
  if (record && record.unavailable.length > 0)
    match = {
      ...match,
      message: `${match.message} Not available right now: ${record.unavailable.map((part) => MISSING_WORDS[part]).join(', ')}.`,
    };

  const register = record
    ? registerFindings(record, book, input.now)
    : { overview: [], keyPeople: [], recentEvents: [], riskFlags: [], ageFact: null, industryFact: null };
  const crm = crmFindings(input.crm, book);
  const facts = book.facts;
  const knownNames = new Set(register.keyPeople.map((person) => person.name));
  const crmPeople: KeyPerson[] = input.crm.contacts.flatMap((contact, index) =>
    contact.title && !knownNames.has(contact.name) && crm.facts.contacts[index]
      ? [{ name: contact.name, role: contact.title, since: null, factIds: [crm.facts.contacts[index]!] }]
      : [],
  );
  const overviewFactIds = [
    ...register.overview,
    ...crm.facts.pipeline,
    ...crm.facts.competitors.slice(0, 1),
    ...(crm.facts.size ? [crm.facts.size] : []),
  ];

  const templatePoints = talkingPointsFromTemplates({
    companyName: record?.profile?.name ?? input.subject.name,
    facts,
    keyPeople: [...register.keyPeople, ...crmPeople],
    recentEvents: register.recentEvents,
    riskFlags: register.riskFlags,
    competitorFacts: crm.facts.competitors,
    pipelineFact: crm.facts.pipeline[0] ?? null,
    contactFacts: crm.facts.contacts,
    sizeFact: crm.facts.size,
    lastTouchFact: crm.facts.lastTouch,
    ageFact: register.ageFact,
    industryFact: register.industryFact,
  });
  const narrative = await writeNarrative(
    input.llm,
    { companyName: record?.profile?.name ?? input.subject.name, facts, overviewFactIds, templatePoints },
    input.signal ? { signal: input.signal } : {},
  );
  return {
    overview: narrative.overview,
    overviewFactIds: narrative.overviewFactIds,
    writtenBy: narrative.writtenBy,
    registerMatch: match,
    keyPeople: [...register.keyPeople, ...crmPeople],
    recentEvents: register.recentEvents,
    riskFlags: register.riskFlags,
    crmContext: crm.context,
    talkingPoints: narrative.talkingPoints,
    facts,
    sources: book.sources,
    newlyMatchedNumber: newlyMatched,
  };
}
