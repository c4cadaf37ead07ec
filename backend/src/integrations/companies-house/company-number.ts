/**
 * Company numbers as the register writes them: eight characters, either eight digits (England and Wales, with the
 * leading zeros people drop: `445790` is `00445790`) or a two-letter prefix and six digits (`SC123456` Scotland,
 * `NI…` Northern Ireland, `OC…` LLPs, `R0…` Northern Ireland companies from before 1922, and so on).
 */
import { InvalidCompanyNumberError } from './errors.ts';

const DIGITS = /^\d{1,8}$/;
const PREFIXED = /^([A-Z]{2}|R0)(\d{1,6})$/;

/** The eight-character form of a company number, or null when it cannot be one. */
export function normaliseCompanyNumber(input: string): string | null {
  const compact = input.replace(/\s+/g, '').toUpperCase();
  if (DIGITS.test(compact)) return compact.padStart(8, '0');
  const prefixed = PREFIXED.exec(compact);
  if (prefixed) return `${prefixed[1]}${prefixed[2]!.padStart(6, '0')}`;
  return null;
}

/** Like `normaliseCompanyNumber`, but throws `InvalidCompanyNumberError` for input that cannot be a number. */
export function companyNumber(input: string): string {
  const normalised = normaliseCompanyNumber(input);
  if (normalised === null) throw new InvalidCompanyNumberError(input);
  return normalised;
}
