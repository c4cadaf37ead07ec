import path from 'node:path';
import { z } from 'zod';
import { parseKey } from './security/secret-box.ts';

const Port = z.coerce.number().int().min(0).max(65535);
const Milliseconds = z.coerce.number().int().min(0).max(3_600_000);
const Flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const Key = z.string().transform((value, ctx) => {
  try {
    return parseKey(value);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
    return z.NEVER;
  }
});
const HttpsUrl = z.url({ protocol: /^https?$/ }).transform((value) => value.replace(/\/+$/, ''));

export const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: Port.default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// or postgresql:// URL' }).optional(),
  DATA_DIR: z.string().min(1).default('.data'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(100).default(10),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/i, 'must be a size such as 512kb or 2mb')
    .default('2mb'),
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(z.url({ error: 'must be a comma-separated list of origins such as https://acme.my.salesforce.com' })),
    ),
  PUBLIC_URL: z.url().optional(),
  SEED_DEMO: Flag.optional(),
  SHUTDOWN_TIMEOUT_MS: Milliseconds.default(10_000),
  JOB_WORKERS: Flag.default(true),
  CRM_SYNC_INTERVAL_MS: z.coerce.number().int().min(10_000).max(86_400_000).default(300_000),
  ENCRYPTION_KEY: Key.optional(),
  ENCRYPTION_KEY_PREVIOUS: z
    .string()
    .transform((value) => value.split(',').filter((part) => part.trim() !== ''))
    .pipe(z.array(Key))
    .optional(),
  SALESFORCE_CLIENT_ID: z.string().min(1).optional(),
  SALESFORCE_CLIENT_SECRET: z.string().min(1).optional(),
  SALESFORCE_LOGIN_URL: HttpsUrl.default('https://login.salesforce.com'),
  SALESFORCE_API_VERSION: z
    .string()
    .regex(/^\d{2,3}\.0$/, 'must be an API version such as 62.0')
    .default('62.0'),
  SALESFORCE_JWT_KEY_FILE: z.string().min(1).optional(),
  HUBSPOT_CLIENT_ID: z.string().min(1).optional(),
  HUBSPOT_CLIENT_SECRET: z.string().min(1).optional(),
  HUBSPOT_API_URL: HttpsUrl.default('https://api.hubapi.com'),
  HUBSPOT_AUTHORIZE_URL: HttpsUrl.default('https://app.hubspot.com/oauth/authorize'),
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_BASE_URL: HttpsUrl.optional(),
  OPENAI_MODEL: z.string().min(1).max(200).default('gpt-4o-mini'),
  LLM_TIMEOUT_MS: z.coerce.number().int().min(500).max(120_000).default(8_000),
  ZOOM_WEBHOOK_SECRET_TOKEN: z.string().min(1).optional(),
  ZOOM_CLIENT_ID: z.string().min(1).optional(),
  ZOOM_CLIENT_SECRET: z.string().min(1).optional(),
  TEAMS_CLIENT_ID: z.string().min(1).optional(),
  TEAMS_CLIENT_SECRET: z.string().min(1).optional(),
  TEAMS_GRAPH_BASE_URL: HttpsUrl.optional(),
  TEAMS_LOGIN_BASE_URL: HttpsUrl.optional(),
  SPEECH_MODEL: z.string().min(1).max(200).default('whisper-1'),
  SPEECH_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(300_000),
  SPEECH_BASE_URL: HttpsUrl.optional(),
  COMPANIES_HOUSE_API_KEY: z.string().min(1).optional(),
  COMPANIES_HOUSE_BASE_URL: HttpsUrl.default('https://api.company-information.service.gov.uk'),
  COMPANIES_HOUSE_RATE_LIMIT: z.coerce.number().int().min(1).max(10_000).default(600),
  COMPANIES_HOUSE_TIMEOUT_MS: z.coerce.number().int().min(500).max(120_000).default(10_000),
  REGISTRATION_TOKEN: z.string().min(32, 'must be at least 32 characters (e.g. openssl rand -base64 32)').optional(),
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' }).optional(),
});

/** Variables whose values never appear in an error message, even a wrong one: it may be a real secret mistyped. */
const SECRET = /KEY|SECRET|TOKEN/;

export interface Config {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  host: string;
  databaseUrl: string | undefined;
  /** Absolute folder of the embedded database, used when no databaseUrl is set. */
  dataDir: string;
  databasePoolSize: number;
  logLevel: string;
  /** json or pretty; unset: pretty when stdout is a terminal, JSON otherwise. */
  logFormat: 'json' | 'pretty' | undefined;
  bodyLimit: string;
  corsOrigins: string[];
  /** The UK company register read by the research agent; null: research uses the CRM's facts only. */
  companiesHouse: { apiKey: string; baseUrl: string; rateLimit: number; timeoutMs: number } | null;
  /** Lets CRM admins register their org or portal themselves (POST /v1/tenants); unset: only the admin CLI can. */
  registrationToken: string | undefined;
  publicUrl: string | undefined;
  /** Seed the demo tenant on first start; on by default for the embedded database only. */
  seedDemo: boolean;
  shutdownTimeoutMs: number;
  jobWorkers: boolean;
  /** How often every connected CRM is synced (change events and webhooks bring most changes sooner). */
  crmSyncIntervalMs: number;
  /** Seals CRM tokens at rest; without one, a key is generated in the data folder (fine for one machine only). */
  encryptionKey: Buffer | undefined;
  previousEncryptionKeys: Buffer[];
  salesforce: {
    clientId: string | undefined;
    clientSecret: string | undefined;
    loginUrl: string;
    apiVersion: string;
    /** The connected app's private key (PEM) for the JWT bearer flow of an integration user. */
    jwtKeyFile: string | undefined;
  };
  hubspot: { clientId: string | undefined; clientSecret: string | undefined; apiUrl: string; authorizeUrl: string };
  /** An OpenAI or OpenAI-compatible provider; null: every feature runs on its built-in engine. */
  llm: { apiKey: string | undefined; baseUrl: string | undefined; model: string; timeoutMs: number } | null;
  /** Transcribes recorded calls: OpenAI's key, with its own model, timeout and (optionally) server. */
  speech: { apiKey: string | undefined; baseUrl: string | undefined; model: string; timeoutMs: number } | null;
  /** Carries live-call events between replicas; without it, events stay within the process. */
  redisUrl: string | undefined;
  zoom: { webhookSecretToken: string | undefined; clientId: string | undefined; clientSecret: string | undefined };
  teams: {
    clientId: string | undefined;
    clientSecret: string | undefined;
    graphBaseUrl: string | undefined;
    loginBaseUrl: string | undefined;
  };
}

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((line) => `  ${line}`).join('\n')}`);
    this.problems = problems;
  }
}

/**
 * Reads the configuration from the environment. Every bad variable is reported on its own line so an operator
 * fixes them all in one go. Relative folders resolve against the directory npm was started from (INIT_CWD), so
 * `DATA_DIR=.data npm start` at the repository root means the root's `.data`.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable (`DATABASE_URL=` in an env file) means "not set", as most tools treat it.
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = EnvSchema.safeParse(given);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'environment');
      const value = env[name];
      const shown =
        value === undefined || SECRET.test(name)
          ? ''
          : ` (got ${JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value)})`;
      return `${name}: ${issue.message}${shown}`;
    });
    throw new ConfigError(problems);
  }
  const e = parsed.data;
  const base = env.INIT_CWD ?? process.cwd();
  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(base, e.DATA_DIR),
    databasePoolSize: e.DATABASE_POOL_SIZE,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    bodyLimit: e.BODY_LIMIT,
    corsOrigins: e.CORS_ORIGINS,
    registrationToken: e.REGISTRATION_TOKEN,
    companiesHouse: e.COMPANIES_HOUSE_API_KEY
      ? {
          apiKey: e.COMPANIES_HOUSE_API_KEY,
          baseUrl: e.COMPANIES_HOUSE_BASE_URL,
          rateLimit: e.COMPANIES_HOUSE_RATE_LIMIT,
          timeoutMs: e.COMPANIES_HOUSE_TIMEOUT_MS,
        }
      : null,
    publicUrl: e.PUBLIC_URL,
    seedDemo: e.SEED_DEMO ?? !e.DATABASE_URL,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    jobWorkers: e.JOB_WORKERS,
    crmSyncIntervalMs: e.CRM_SYNC_INTERVAL_MS,
    encryptionKey: e.ENCRYPTION_KEY,
    previousEncryptionKeys: e.ENCRYPTION_KEY_PREVIOUS ?? [],
    salesforce: {
      clientId: e.SALESFORCE_CLIENT_ID,
      clientSecret: e.SALESFORCE_CLIENT_SECRET,
      loginUrl: e.SALESFORCE_LOGIN_URL,
      apiVersion: e.SALESFORCE_API_VERSION,
      jwtKeyFile: e.SALESFORCE_JWT_KEY_FILE ? path.resolve(base, e.SALESFORCE_JWT_KEY_FILE) : undefined,
    },
    hubspot: {
      clientId: e.HUBSPOT_CLIENT_ID,
      clientSecret: e.HUBSPOT_CLIENT_SECRET,
      apiUrl: e.HUBSPOT_API_URL,
      authorizeUrl: e.HUBSPOT_AUTHORIZE_URL,
    },
    llm:
      e.OPENAI_API_KEY || e.OPENAI_BASE_URL
        ? { apiKey: e.OPENAI_API_KEY, baseUrl: e.OPENAI_BASE_URL, model: e.OPENAI_MODEL, timeoutMs: e.LLM_TIMEOUT_MS }
        : null,
    speech:
      e.OPENAI_API_KEY || e.SPEECH_BASE_URL || e.OPENAI_BASE_URL
        ? {
            apiKey: e.OPENAI_API_KEY,
            baseUrl: e.SPEECH_BASE_URL ?? e.OPENAI_BASE_URL,
            model: e.SPEECH_MODEL,
            timeoutMs: e.SPEECH_TIMEOUT_MS,
          }
        : null,
    redisUrl: e.REDIS_URL,
    zoom: {
      webhookSecretToken: e.ZOOM_WEBHOOK_SECRET_TOKEN,
      clientId: e.ZOOM_CLIENT_ID,
      clientSecret: e.ZOOM_CLIENT_SECRET,
    },
    teams: {
      clientId: e.TEAMS_CLIENT_ID,
      clientSecret: e.TEAMS_CLIENT_SECRET,
      graphBaseUrl: e.TEAMS_GRAPH_BASE_URL,
      loginBaseUrl: e.TEAMS_LOGIN_BASE_URL,
    },
  };
}
