import type { RegisterCandidate } from './match-register.ts';
import type { RegisterRecord } from './register-record.ts';

/**
 * A public company register as the research agent uses it (Companies House in the UK). The agent depends on this,
 * not on a client, so tests and other registers can stand in.
 */
export interface CompanyRegister {
  readonly name: string;
  search(companyName: string, signal?: AbortSignal): Promise<RegisterCandidate[]>;
  /** The company's record, null when the register has no company with this number. */
  record(companyNumber: string, signal?: AbortSignal): Promise<RegisterRecord | null>;
  /** The number written as the register writes it (e.g. zero-padded), or null when it cannot be one. */
  normaliseNumber(companyNumber: string): string | null;
}

/** The register could not be read at all (an outage, a refused key): the report says so and keeps the CRM's facts. */
export class RegisterOutage extends Error {
  readonly reason: 'outage' | 'rate_limited' | 'unauthorised' | 'timeout';
  constructor(message: string, reason: RegisterOutage['reason']) {
    super(message);
    this.name = 'RegisterOutage';
    this.reason = reason;
  }
}
