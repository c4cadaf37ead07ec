import type { Logger } from '../../logger.ts';
import { CompaniesHouseClient, COMPANIES_HOUSE_API_URL, DEFAULT_TIMEOUT_MS } from './client.ts';
import { DEFAULT_LIMIT } from './rate-limiter.ts';

/**
 * The service's register settings, from COMPANIES_HOUSE_API_KEY, COMPANIES_HOUSE_BASE_URL, COMPANIES_HOUSE_RATE_LIMIT
 * (requests per five minutes for this process: the key's 600, or this replica's share of it) and
 * COMPANIES_HOUSE_TIMEOUT_MS. Null, or no key: research goes without the register.
 */
export interface CompaniesHouseConfig {
  apiKey: string | undefined;
  baseUrl?: string | undefined;
  rateLimit?: number | undefined;
  timeoutMs?: number | undefined;
}

export function companiesHouseFromConfig(
  config: CompaniesHouseConfig | null,
  deps: { logger?: Logger } = {},
): CompaniesHouseClient | null {
  const apiKey = config?.apiKey?.trim();
  if (!config || !apiKey) return null;
  return new CompaniesHouseClient({
    apiKey,
    baseUrl: config.baseUrl?.trim() || COMPANIES_HOUSE_API_URL,
    timeoutMs: config.timeoutMs && config.timeoutMs > 0 ? config.timeoutMs : DEFAULT_TIMEOUT_MS,
    rateLimit: { limit: config.rateLimit && config.rateLimit > 0 ? config.rateLimit : DEFAULT_LIMIT },
    ...(deps.logger ? { logger: deps.logger } : {}),
  });
}
