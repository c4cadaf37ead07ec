import {
  CompaniesHouseConfigError,
  normaliseCompanyNumber,
  RegisterUnavailableError,
  UnexpectedRegisterResponseError,
  type Address,
  type CompaniesHouseClient,
  type RegisterAnswer,
} from '../../integrations/companies-house/index.ts';
import { RegisterOutage, type CompanyRegister } from './company-register.ts';
import { filingTitle } from './filing-titles.ts';
import type { RegisterCandidate } from './match-register.ts';
import type { RegisterPart, RegisterRecord } from './register-record.ts';

/** Enough filings to cover a busy company's last twelve months. */
const FILINGS_READ = 50;
const CANDIDATES_READ = 20;

function addressLine(address: Address | undefined): string | null {
  if (!address) return null;
  const parts = [
    address.care_of ? `c/o ${address.care_of}` : null,
    address.po_box ? `PO Box ${address.po_box}` : null,
    [address.premises, address.address_line_1].filter(Boolean).join(' '),
    address.address_line_2,
    address.locality,
    address.region,
    address.postal_code,
    address.country,
  ].filter((part): part is string => typeof part === 'string' && part.trim() !== '');
  return parts.length > 0 ? parts.join(', ') : null;
}

/** The register's failures in the port's terms: only "cannot be read now" is an outage the report works around. */
function outage(error: unknown): never {
  if (error instanceof RegisterUnavailableError)
    throw new RegisterOutage(
      error.reason === 'rate-limited'
        ? 'it is rate limiting us'
        : error.reason === 'timeout'
          ? 'it timed out'
          : 'it is not answering',
      error.reason === 'rate-limited' ? 'rate_limited' : error.reason === 'timeout' ? 'timeout' : 'outage',
    );
  if (error instanceof CompaniesHouseConfigError) throw new RegisterOutage('it refused the API key', 'unauthorised');
  if (error instanceof UnexpectedRegisterResponseError)
    throw new RegisterOutage('it answered with something unreadable', 'outage');
  throw error;
}

/** Companies House as the research agent's register: search, and each company's record read part by part. */
export class CompaniesHouseRegister implements CompanyRegister {
  readonly name = 'Companies House';
  readonly #client: CompaniesHouseClient;

  constructor(client: CompaniesHouseClient) {
    this.#client = client;
  }

  normaliseNumber(companyNumber: string): string | null {
    return normaliseCompanyNumber(companyNumber);
  }

  async search(companyName: string, signal?: AbortSignal): Promise<RegisterCandidate[]> {
    if (companyName.trim() === '') return [];
    const found = await this.#client
      .searchCompanies(companyName, { itemsPerPage: CANDIDATES_READ, ...(signal ? { signal } : {}) })
      .catch(outage);
    return found.data.items.map((item) => ({
      companyNumber: item.company_number,
      name: item.title,
      status: item.company_status ?? null,
      incorporatedOn: item.date_of_creation ?? null,
      postcode: item.address?.postal_code ?? null,
      address: item.address_snippet ?? addressLine(item.address),
    }));
  }

  /**
   * The profile decides whether the company exists; the other parts are read alongside it, and one that cannot be read
   * now is left out and named, so an outage on the charges costs the charges, not the report.
   */
  async record(companyNumber: string, signal?: AbortSignal): Promise<RegisterRecord | null> {
    const client = this.#client;
    const options = signal ? { signal } : {};
    const number = normaliseCompanyNumber(companyNumber);
    if (!number) return null;
    const profileAnswer = client.profile(number, options).catch(outage);
    const parts = {
      officers: client.officers(number, { itemsPerPage: 100, ...options }),
      psc: client.psc(number, options),
      filings: client.filingHistory(number, { itemsPerPage: FILINGS_READ, ...options }),
      charges: client.charges(number, options),
      insolvency: client.insolvency(number, options),
    };
    // Read whatever the profile says, so no part's promise is left unobserved.
    const settled = await Promise.allSettled(Object.values(parts));
    const profile = await profileAnswer;
    if (!profile.found) return null;

    const unavailable: RegisterPart[] = [];
    const names = Object.keys(parts) as RegisterPart[];
    const answerOf = <P extends keyof typeof parts>(part: P): Awaited<(typeof parts)[P]> | null => {
      const result = settled[names.indexOf(part)]!;
      if (result.status === 'fulfilled') return result.value as Awaited<(typeof parts)[P]>;
      const reason: unknown = result.reason;
      if (
        reason instanceof RegisterUnavailableError ||
        reason instanceof UnexpectedRegisterResponseError ||
        reason instanceof CompaniesHouseConfigError
      ) {
        unavailable.push(part);
        return null;
      }
      throw reason;
    };
    const data = profile.data;
    const officers = answerOf('officers');
    const psc = answerOf('psc');
    const filings = answerOf('filings');
    const charges = answerOf('charges');
    const insolvency = answerOf('insolvency');
    // A 404 on a part means the company has none of it (no PSC register, never any charges or insolvency).
    const items = <T>(answer: RegisterAnswer<{ items: T[] }> | null): T[] | null =>
      answer === null ? null : answer.found ? answer.data.items : [];

    return {
      companyNumber: data.company_number,
      profile: {
        name: data.company_name,
        status: data.company_status,
        statusDetail: data.company_status_detail ?? null,
        type: data.type,
        incorporatedOn: data.date_of_creation ?? null,
        ceasedOn: data.date_of_cessation ?? null,
        sicCodes: data.sic_codes,
        registeredOffice: addressLine(data.registered_office_address),
        accounts: data.accounts
          ? {
              nextDue: data.accounts.next_due ?? data.accounts.next_accounts?.due_on ?? null,
              overdue: data.accounts.overdue ?? data.accounts.next_accounts?.overdue ?? false,
              lastMadeUpTo: data.accounts.last_accounts?.made_up_to ?? null,
            }
          : null,
        confirmationStatement: data.confirmation_statement
          ? {
              nextDue: data.confirmation_statement.next_due ?? null,
              overdue: data.confirmation_statement.overdue ?? false,
            }
          : null,
        hasCharges: data.has_charges,
        hasInsolvencyHistory: data.has_insolvency_history,
        previousNames: data.previous_company_names.flatMap((previous) =>
          previous.ceased_on
            ? [{ name: previous.name, effectiveFrom: previous.effective_from ?? null, ceasedOn: previous.ceased_on }]
            : [],
        ),
      },
      officers:
        items(officers)?.map((officer) => ({
          name: officer.name,
          role: officer.officer_role,
          appointedOn: officer.appointed_on ?? null,
          resignedOn: officer.resigned_on ?? null,
          occupation: officer.occupation ?? null,
        })) ?? null,
      psc:
        items(psc)?.map((person) => ({
          name: person.name ?? 'A person whose details the register withholds',
          kind: person.kind,
          naturesOfControl: person.natures_of_control,
          notifiedOn: person.notified_on ?? null,
          ceasedOn: person.ceased_on ?? (person.ceased ? (person.notified_on ?? null) : null),
        })) ?? null,
      filings:
        items(filings)?.map((filing) => ({
          date: filing.date,
          category: filing.category,
          type: filing.type ?? '',
          description: filingTitle(filing),
        })) ?? null,
      charges:
        items(charges)?.map((charge) => ({
          status: charge.status,
          createdOn: charge.created_on ?? null,
          classification: charge.classification.description,
          personsEntitled: charge.persons_entitled.map((person) => person.name),
        })) ?? null,
      insolvencyCases:
        insolvency === null
          ? null
          : insolvency.found
            ? insolvency.data.cases.map((item) => ({ type: item.type, dates: item.dates }))
            : [],
      links: {
        profile: client.sourceUrl(number, 'profile'),
        officers: client.sourceUrl(number, 'officers'),
        psc: client.sourceUrl(number, 'psc'),
        filings: client.sourceUrl(number, 'filing-history'),
        charges: client.sourceUrl(number, 'charges'),
        insolvency: client.sourceUrl(number, 'insolvency'),
      },
      unavailable,
    };
  }
}
