import { ConfigError, loadConfig } from './config.ts';
import { loadEnvFile } from './env-file.ts';
import { createLogger } from './logger.ts';
import { startService } from './service.ts';
import { PREVIEW_PATH, previewBuilt } from './api/preview.ts';
import { API_DOCS_PATH } from './api/api-docs.ts';

/** The URL the service listens on names the bound address (0.0.0.0 on a fresh install): a browser wants localhost. */
function pageUrl(serviceUrl: string, pagePath: string): string {
  const url = new URL(pagePath, serviceUrl);
  if (url.hostname === '0.0.0.0' || url.hostname === '[::]') url.hostname = 'localhost';
  return url.href;
}

let config;
try {
  loadEnvFile();
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  throw error;
}

const logger = createLogger(config.logLevel, config.logFormat);
const service = await startService(config, logger);

process.stdout.write(`SDR Enhancement System listening on ${service.url}\n`);
process.stdout.write(
  `Database: ${service.db.kind === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL server'}\n`,
);
if (service.demoApiKey) process.stdout.write(`Demo API key: ${service.demoApiKey}\n`);
if (service.demoApiKey && previewBuilt())
  process.stdout.write(`Preview: ${pageUrl(service.url, PREVIEW_PATH)}#key=${service.demoApiKey}\n`);
process.stdout.write(`API reference: ${pageUrl(service.url, API_DOCS_PATH)}\n`);

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    logger.info({ signal }, 'shutting down');
    service
      .stop()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error({ err: error }, 'unclean shutdown');
        process.exit(1);
      });
  });
}
