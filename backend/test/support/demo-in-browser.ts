import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { startServer, type Started } from './process.ts';

/**
 * What every browser test starts from: the service started as `npm start` starts it (embedded database in a new
 * folder, the demo tenant seeded) and headless Chromium (Debian's, or CHROMIUM_PATH: never a downloaded browser).
 */
export interface DemoInBrowser {
  server: Started & { demoKey: string };
  browser: Browser;
  /** Stops the browser and the service, and removes the data folder. */
  close(): Promise<void>;
}

export async function demoInBrowser(env: NodeJS.ProcessEnv = {}): Promise<DemoInBrowser> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sdr-browser-'));
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    if (server) {
      server.child.kill('SIGTERM');
      await server.exited.catch(() => undefined);
    }
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    server = await startServer(
      { DATABASE_URL: '', SEED_DEMO: 'true', DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env },
      true,
    );
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium' });
    return { server: { ...server, demoKey: server.demoKey! }, browser, close };
  } catch (error) {
    await close();
    throw error;
  }
}
