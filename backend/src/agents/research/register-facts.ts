import type { KeyPerson, ResearchEvent, ResearchSource, RiskFlag } from '@sdr/shared';
import type { FactBook } from './fact-book.ts';
import type { RegisterRecord } from './register-record.ts';
import { industryOfSic } from './sic-sections.ts';
import {
  companyType,
  controlWords,
  isBoardRole,
  longDate,
  officerRole,
  personName,
  statusWords,
  withinMonths,
  yearsSince,
} from './wording.ts';

export interface RegisterFindings {
  /** Fact ids for the overview, in reading order. */
  overview: string[];
  keyPeople: KeyPerson[];
  recentEvents: ResearchEvent[];
  riskFlags: RiskFlag[];
  /** The facts the talking points build on by name: the company's age and its line of business. */
  ageFact: string | null;
  industryFact: string | null;
}

const REGISTER = 'Companies House';
const RECENT_MONTHS = 12;
const MAX_EVENTS = 12;

/**
 * Everything the register says that an SDR can use, written as facts that cite the register's public pages, and the
 * people, events and risks built on them. Only what the record holds is said: a part the register did not answer for
 * adds nothing here (the report names it as missing).
 */
export function registerFindings(record: RegisterRecord, book: FactBook, now: Date): RegisterFindings {
  const source = (part: keyof RegisterRecord['links']): ResearchSource => ({ name: REGISTER, url: record.links[part] });
  const findings: RegisterFindings = {
    overview: [],
    keyPeople: [],
    recentEvents: [],
    riskFlags: [],
    ageFact: null,
    industryFact: null,
  };
  const events: ResearchEvent[] = [];
  const { profile } = record;

  if (profile) {
    const from = source('profile');
    const name = profile.name;
    findings.overview.push(
      book.add(
        `${name} is ${companyType(profile.type)}, company number ${record.companyNumber}, and its status is ${statusWords(profile.status)}.`,
        profile.status,
        from,
      ),
    );
    if (profile.incorporatedOn) {
      findings.overview.push(
        book.add(`${name} was incorporated on ${longDate(profile.incorporatedOn)}.`, profile.incorporatedOn, from),
      );
      const age = yearsSince(profile.incorporatedOn, now);
      const ageFact = book.add(
        `${name} is ${age === 0 ? 'less than a year' : age === 1 ? '1 year' : `${age} years`} old.`,
        age,
        from,
      );
      findings.overview.push(ageFact);
      findings.ageFact = ageFact;
      if (age < 2)
        findings.riskFlags.push({
          code: 'young_company',
          severity: 'low',
          text: 'A young company: little trading history to go on',
          factIds: [ageFact],
        });
    }
    if (profile.sicCodes.length > 0) {
      const described = profile.sicCodes.map((code) => {
        const industry = industryOfSic(code);
        return industry ? `${code} (${industry})` : code;
      });
      findings.industryFact = book.add(
        `Its nature of business is given as SIC ${described.join(', ')}.`,
        profile.sicCodes.join(', '),
        from,
      );
      findings.overview.push(findings.industryFact);
    }
    if (profile.registeredOffice)
      findings.overview.push(
        book.add(`Its registered office is ${profile.registeredOffice}.`, profile.registeredOffice, from),
      );
    if (profile.status !== 'active') {
      const ended = profile.ceasedOn ? ` on ${longDate(profile.ceasedOn)}` : '';
      const fact = book.add(
        `${name} is not trading as an active company: ${statusWords(profile.status)}${profile.statusDetail ? ` (${statusWords(profile.statusDetail)})` : ''}${ended}.`,
        profile.status,
        from,
      );
      findings.riskFlags.push({
        code: 'not_active',
        severity: 'high',
        text: `The company is ${statusWords(profile.status)}`,
        factIds: [fact],
      });
    }
    if (profile.accounts?.overdue) {
      const fact = book.add(
        `${name}'s accounts are overdue${profile.accounts.nextDue ? ` (they were due on ${longDate(profile.accounts.nextDue)})` : ''}.`,
        profile.accounts.nextDue,
        from,
      );
      findings.riskFlags.push({
        code: 'accounts_overdue',
        severity: 'high',
        text: 'Accounts overdue',
        factIds: [fact],
      });
      if (withinMonths(profile.accounts.nextDue, now, RECENT_MONTHS))
        events.push({ date: profile.accounts.nextDue!, title: 'Accounts became overdue', factIds: [fact] });
    } else if (profile.accounts?.nextDue) {
      book.add(
        `${name}'s next accounts are due by ${longDate(profile.accounts.nextDue)}.`,
        profile.accounts.nextDue,
        from,
      );
    }
    if (profile.confirmationStatement?.overdue) {
      const fact = book.add(
        `${name}'s confirmation statement is overdue${profile.confirmationStatement.nextDue ? ` (it was due on ${longDate(profile.confirmationStatement.nextDue)})` : ''}.`,
        profile.confirmationStatement.nextDue,
        from,
      );
      if (withinMonths(profile.confirmationStatement.nextDue, now, RECENT_MONTHS))
        events.push({
          date: profile.confirmationStatement.nextDue!,
          title: 'Confirmation statement became overdue',
          factIds: [fact],
        });
      findings.riskFlags.push({
        code: 'confirmation_statement_overdue',
        severity: 'medium',
        text: 'Confirmation statement overdue',
        factIds: [fact],
      });
    }
    for (const previous of profile.previousNames) {
      const fact = book.add(
        `${name} was called ${previous.name} until ${longDate(previous.ceasedOn)}.`,
        previous.name,
        from,
      );
      if (withinMonths(previous.ceasedOn, now, RECENT_MONTHS))
        events.push({ date: previous.ceasedOn, title: `Changed its name from ${previous.name}`, factIds: [fact] });
    }
  }

  if (record.officers) {
    const from = source('officers');
    let boardChanges = 0;
    const changeFacts: string[] = [];
    for (const officer of record.officers) {
      const name = personName(officer.name);
      const role = officerRole(officer.role);
      if (!officer.resignedOn && isBoardRole(officer.role)) {
        const fact = book.add(
          officer.appointedOn
            ? `${name} has been ${role.toLowerCase()} since ${longDate(officer.appointedOn)}.`
            : `${name} is ${role.toLowerCase()}.`,
          officer.appointedOn,
          from,
        );
        findings.keyPeople.push({ name, role, since: officer.appointedOn, factIds: [fact] });
        if (withinMonths(officer.appointedOn, now, RECENT_MONTHS)) {
          boardChanges += 1;
          changeFacts.push(fact);
          events.push({
            date: officer.appointedOn!,
            title: `${name} appointed ${role.toLowerCase()}`,
            factIds: [fact],
          });
        }
      }
      if (officer.resignedOn && isBoardRole(officer.role) && withinMonths(officer.resignedOn, now, RECENT_MONTHS)) {
        const fact = book.add(
          `${name} stepped down as ${role.toLowerCase()} on ${longDate(officer.resignedOn)}.`,
          officer.resignedOn,
          from,
        );
        boardChanges += 1;
        changeFacts.push(fact);
        events.push({
          date: officer.resignedOn,
          title: `${name} stepped down as ${role.toLowerCase()}`,
          factIds: [fact],
        });
      }
    }
    if (boardChanges >= 3)
      findings.riskFlags.push({
        code: 'board_changes',
        severity: 'medium',
        text: `${boardChanges} board changes in the last year`,
        factIds: changeFacts,
      });
  }

  if (record.psc) {
    const from = source('psc');
    for (const person of record.psc) {
      if (person.ceasedOn) continue;
      const control = controlWords(person.naturesOfControl);
      const fact = book.add(`${person.name} ${control}.`, control, from);
      findings.keyPeople.push({
        name: person.name,
        role: `Person with significant control (${control})`,
        since: person.notifiedOn,
        factIds: [fact],
      });
    }
  }

  if (record.filings) {
    const from = source('filings');
    for (const filing of record.filings) {
      // Appointments and charges come from their own registers, with names and lenders: not told twice.
      if (filing.category === 'officers' || filing.category === 'mortgage') continue;
      if (!withinMonths(filing.date, now, RECENT_MONTHS)) continue;
      const fact = book.add(`${filing.description} was filed on ${longDate(filing.date)}.`, filing.date, from);
      events.push({ date: filing.date, title: filing.description, factIds: [fact] });
    }
  }

  if (record.charges) {
    const from = source('charges');
    const outstanding = record.charges.filter((charge) => charge.status === 'outstanding');
    if (outstanding.length > 0)
      book.add(
        `${outstanding.length} ${outstanding.length === 1 ? 'charge is' : 'charges are'} outstanding against the company.`,
        outstanding.length,
        from,
      );
    for (const charge of record.charges) {
      if (!withinMonths(charge.createdOn, now, RECENT_MONTHS)) continue;
      const lenders = charge.personsEntitled.length > 0 ? ` in favour of ${charge.personsEntitled.join(', ')}` : '';
      const fact = book.add(
        `A charge was created on ${longDate(charge.createdOn!)}${lenders}.`,
        charge.createdOn,
        from,
      );
      events.push({ date: charge.createdOn!, title: `New charge${lenders}`, factIds: [fact] });
    }
  }

  if (record.insolvencyCases && record.insolvencyCases.length > 0) {
    const from = source('insolvency');
    const factIds = record.insolvencyCases.map((insolvency) => {
      const latest = [...insolvency.dates].sort((a, b) => b.date.localeCompare(a.date))[0];
      const fact = book.add(
        `The register records an insolvency case: ${statusWords(insolvency.type)}${latest ? ` (${statusWords(latest.type)} ${longDate(latest.date)})` : ''}.`,
        insolvency.type,
        from,
      );
      for (const dated of insolvency.dates)
        if (withinMonths(dated.date, now, RECENT_MONTHS))
          events.push({ date: dated.date, title: `Insolvency: ${statusWords(dated.type)}`, factIds: [fact] });
      return fact;
    });
    findings.riskFlags.push({
      code: 'insolvency_history',
      severity: 'high',
      text: 'Insolvency proceedings on record',
      factIds,
    });
  }

  findings.recentEvents = events.sort((a, b) => b.date.localeCompare(a.date)).slice(0, MAX_EVENTS);
  return findings;
}
