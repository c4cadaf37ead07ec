import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/connect.ts';
import { migrate } from '../../src/db/migrate.ts';

/**
 * A fresh, empty database for one test file (or benchmark): in-memory PGlite by default, or a new database on the
 * PostgreSQL server named by TEST_DATABASE_URL (dropped again on close).
 */
export async function emptyDatabase(server = process.env.TEST_DATABASE_URL, poolSize = 4): Promise<Database> {
  if (!server) return openDatabase({ dataDir: 'memory', poolSize });
  const name = `sdr_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  const db = await openDatabase({ url: url.toString(), poolSize });
  return {
    ...db,
    async close() {
      await db.close();
      const dropper = new pg.Client({ connectionString: server });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await dropper.end();
    },
  };
}

/**
 * A fresh database with every migration applied. In-memory PGlite starts from the template `npm install` (and the
 * test command) made of a migrated database, skipping initdb; the migrator then finds nothing left to apply.
 */
export async function migratedDatabase(): Promise<Database> {
  const db = process.env.TEST_DATABASE_URL
    ? await emptyDatabase()
    : await openDatabase({ dataDir: 'memory', poolSize: 4, fromTemplate: true });
  await migrate(db.pool);
  return db;
}

export const databaseLabel = process.env.TEST_DATABASE_URL ? 'PostgreSQL server' : 'PGlite';
