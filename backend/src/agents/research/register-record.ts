/**
 * What the register says of one company, as the research agent reads it: each part null when the register could not
 * be read for it (so the report says which parts are missing instead of pretending there is nothing to say).
 */
export interface RegisterRecord {
  companyNumber: string;
  profile: RegisterProfile | null;
  officers: RegisterOfficer[] | null;
  psc: RegisterPsc[] | null;
  filings: RegisterFiling[] | null;
  charges: RegisterCharge[] | null;
  insolvencyCases: RegisterInsolvencyCase[] | null;
  /** The public page of each part, cited by every fact taken from it. */
  links: Record<RegisterPart, string>;
  /** Parts the register did not answer for (an outage, a timeout), in words for the report. */
  unavailable: RegisterPart[];
}

export type RegisterPart = 'profile' | 'officers' | 'psc' | 'filings' | 'charges' | 'insolvency';

export interface RegisterProfile {
  name: string;
  status: string;
  statusDetail: string | null;
  type: string;
  incorporatedOn: string | null;
  ceasedOn: string | null;
  sicCodes: string[];
  registeredOffice: string | null;
  accounts: { nextDue: string | null; overdue: boolean; lastMadeUpTo: string | null } | null;
  confirmationStatement: { nextDue: string | null; overdue: boolean } | null;
  hasCharges: boolean;
  hasInsolvencyHistory: boolean;
  previousNames: { name: string; effectiveFrom: string | null; ceasedOn: string }[];
}

export interface RegisterOfficer {
  name: string;
  role: string;
  appointedOn: string | null;
  resignedOn: string | null;
  occupation: string | null;
}

export interface RegisterPsc {
  name: string;
  kind: string;
  naturesOfControl: string[];
  notifiedOn: string | null;
  ceasedOn: string | null;
}

export interface RegisterFiling {
  date: string;
  category: string;
  type: string;
  description: string;
}

export interface RegisterCharge {
  status: string;
  createdOn: string | null;
  classification: string | null;
  personsEntitled: string[];
}

export interface RegisterInsolvencyCase {
  type: string;
  dates: { type: string; date: string }[];
}
