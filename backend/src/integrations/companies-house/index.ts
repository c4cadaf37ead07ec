export {
  COMPANIES_HOUSE_API_URL,
  CompaniesHouseClient,
  DEFAULT_CACHE_TTL_MS,
  DEFAULT_NOT_FOUND_TTL_MS,
  DEFAULT_RETRIES,
  DEFAULT_TIMEOUT_MS,
  type CachedResource,
  type CallOptions,
  type CompaniesHouseClientOptions,
  type FilingHistoryOptions,
  type PageOptions,
  type RegisterAnswer,
  type RegisterFound,
  type RegisterNotFound,
  type SearchOptions,
} from './client.ts';
export { companyNumber, normaliseCompanyNumber } from './company-number.ts';
export { companiesHouseFromConfig, type CompaniesHouseConfig } from './from-config.ts';
export {
  CompaniesHouseConfigError,
  CompaniesHouseError,
  InvalidCompanyNumberError,
  RegisterUnavailableError,
  UnexpectedRegisterResponseError,
  type ResponseIssue,
  type UnavailableReason,
} from './errors.ts';
export { PUBLIC_REGISTER_URL, publicPageUrl, publicSearchUrl, type RegisterResource } from './public-pages.ts';
export {
  DEFAULT_LIMIT,
  DEFAULT_WINDOW_MS,
  forgetSharedRateLimiters,
  keyFingerprint,
  RateLimiter,
  realSleep,
  sharedRateLimiter,
  type Permit,
  type RateLimiterOptions,
  type ServerBudget,
  type Sleep,
} from './rate-limiter.ts';
export { ResponseCache, sharedResponseCache, type ResponseCacheOptions } from './response-cache.ts';
export * from './schemas.ts';
