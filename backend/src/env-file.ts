import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';

/**
 * Reads `.env` from the folder npm was started in (else the working folder) into `env`, when there is one: the
 * usual way to keep a deployment's settings and secrets beside it (see .env.example). A variable already set in the
 * environment wins. Test runs (NODE_ENV=test) never read it, so a developer's settings cannot reach the databases
 * and services tests create. Answers the file read, or null.
 */
export function loadEnvFile(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.NODE_ENV === 'test') return null;
  const file = path.join(env.INIT_CWD ?? process.cwd(), '.env');
  if (!existsSync(file)) return null;
  for (const [name, value] of Object.entries(parseEnv(readFileSync(file, 'utf8')))) {
    if (env[name] === undefined) env[name] = value;
  }
  return file;
}
