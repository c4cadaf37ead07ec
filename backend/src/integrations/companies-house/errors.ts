/**
 * What can go wrong reading the register, in kinds a caller can act on. A resource the register does not hold
 * (404) is not among them: the client answers it with a `not-found` result, since for charges, insolvency and PSCs
 * "none" is the usual, meaningful answer.
 */
export abstract class CompaniesHouseError extends Error {}

/** The caller gave something that cannot be a company number; nothing was sent. */
export class InvalidCompanyNumberError extends CompaniesHouseError {
  override readonly name = 'InvalidCompanyNumberError';
  readonly input: string;

  constructor(input: string) {
    super(`Not a UK company number: ${JSON.stringify(input.length > 40 ? `${input.slice(0, 37)}...` : input)}`);
    this.input = input;
  }
}

/**
 * The register refused our credentials (401/403): the API key is missing, mistyped, revoked, or a key of another
 * kind (a streaming key). No retry fixes it; an operator must set COMPANIES_HOUSE_API_KEY.
 */
export class CompaniesHouseConfigError extends CompaniesHouseError {
  override readonly name = 'CompaniesHouseConfigError';
  readonly status: number;

  constructor(status: number) {
    super(
      `Companies House refused the API key (HTTP ${status}): check COMPANIES_HOUSE_API_KEY is a REST API key ` +
        'of the Companies House Public Data API',
    );
    this.status = status;
  }
}

export type UnavailableReason = 'rate-limited' | 'server' | 'network' | 'timeout';

/**
 * The register could not answer now: 429 or 5xx answers, dropped connections or our timeout, still so after the
 * retries. Worth trying again later; a report should say the register part is missing rather than empty.
 */
export class RegisterUnavailableError extends CompaniesHouseError {
  override readonly name = 'RegisterUnavailableError';
  readonly reason: UnavailableReason;
  /** The last HTTP status, when there was an answer. */
  readonly status: number | undefined;
  readonly attempts: number;
  /** The API path asked for (no key, no host). */
  readonly path: string;

  constructor(
    path: string,
    reason: UnavailableReason,
    attempts: number,
    status?: number,
    options?: { cause?: unknown },
  ) {
    super(
      `Companies House unavailable for ${path}: ${reason}${status === undefined ? '' : ` (HTTP ${status})`} ` +
        `after ${attempts} attempt(s)`,
      options,
    );
    this.reason = reason;
    this.status = status;
    this.attempts = attempts;
    this.path = path;
  }
}

export interface ResponseIssue {
  path: (string | number)[];
  message: string;
}

/**
 * The register answered, but not with something we can use: a 4xx other than 401/403/404/429 (a request we built
 * wrong), a body that is not JSON, or JSON that does not have the documented shape. A bug or an API change: retrying
 * does not help, and the answer is never passed on half-read.
 */
export class UnexpectedRegisterResponseError extends CompaniesHouseError {
  override readonly name = 'UnexpectedRegisterResponseError';
  readonly path: string;
  readonly status: number;
  /** For a shape mismatch: where (paths and zod's messages, no values). */
  readonly issues: ResponseIssue[];

  constructor(path: string, status: number, problem: string, issues: ResponseIssue[] = []) {
    super(`Unexpected Companies House answer for ${path} (HTTP ${status}): ${problem}`);
    this.path = path;
    this.status = status;
    this.issues = issues;
  }
}
