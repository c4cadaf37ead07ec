import type { Config } from '../../config.ts';
import { companiesHouseFromConfig } from '../../integrations/companies-house/index.ts';
import type { Logger } from '../../logger.ts';
import type { CompanyRegister } from './company-register.ts';
import { CompaniesHouseRegister } from './companies-house-register.ts';

/** The register research reads: Companies House when a key is configured, none otherwise (CRM facts only). */
export function companyRegisterFromConfig(
  config: Pick<Config, 'companiesHouse'>,
  deps: { logger?: Logger } = {},
): CompanyRegister | null {
  const client = companiesHouseFromConfig(config.companiesHouse, deps);
  return client ? new CompaniesHouseRegister(client) : null;
}
