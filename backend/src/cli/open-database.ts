import { ConfigError, loadConfig } from '../config.ts';
import { openDatabase, type Database } from '../db/connect.ts';
import { DataDirLockedError } from '../db/data-dir-lock.ts';
import { migrate } from '../db/migrate.ts';
import { loadEnvFile } from '../env-file.ts';

/** An error whose message is the whole story for the operator: printed as is, exit code 2. */
export class UserError extends Error {}

/** Runs a command against the configured database (migrated first), closing it afterwards. */
export async function withDatabase<T>(work: (db: Database) => Promise<T>): Promise<T> {
  loadEnvFile();
  const config = loadConfig();
  const db = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
  try {
    await migrate(db.pool);
    return await work(db);
  } finally {
    await db.close();
  }
}

/** Exit codes: 2 for anything the operator can fix from the message, 1 for the unexpected. */
export function exitOnError(usage: string, knownErrors: (new (...args: never[]) => Error)[]): (error: unknown) => void {
  return (error) => {
    const message = (error as Error).message;
    if (error instanceof UserError || knownErrors.some((known) => error instanceof known)) {
      process.stderr.write(`${message}\n`);
      process.exit(2);
    }
    if (error instanceof ConfigError || error instanceof DataDirLockedError) {
      process.stderr.write(`${message}\n`);
      process.exit(2);
    }
    if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`${message}\n\n${usage}\n`);
      process.exit(2);
    }
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  };
}
