import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.ts';
import { readTemplate } from './embedded-template.ts';
import { PrismaClient } from './generated/client.ts';

export type DatabaseKind = 'postgres' | 'pglite';

/** The open database: one pg pool that Prisma, the migrator and the job queue all share the settings of. */
export interface Database {
  kind: DatabaseKind;
  prisma: PrismaClient;
  pool: pg.Pool;
  /** Connection settings for other clients of the same database (the job queue opens its own pool). */
  connection: pg.PoolConfig;
  /** The embedded database's files as a tarball (PGlite only), for making the template of new data folders. */
  dumpDataDir?: () => Promise<Blob>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A PostgreSQL server; when absent the embedded PGlite database is used. */
  url?: string | undefined;
  /** Folder of the embedded database; `memory` keeps it in memory (tests). */
  dataDir?: string;
  /** An in-memory database starts from the template of migrated databases, when there is one (tests). */
  fromTemplate?: boolean;
  poolSize?: number;
}

/**
 * Opens PostgreSQL or embedded PGlite. PGlite is served over a private Unix socket (pglite-socket) and used through
 * the same `pg` driver and Prisma adapter as a server, rather than through an in-process adapter, so behaviour is
 * identical on both databases. PGlite is one database session, whatever the number of sockets: two connections
 * would interleave their statements (one's unnamed prepared statement replaced by another's between Parse and
 * Bind, or a query landing inside another's open transaction). So the embedded database gets exactly one
 * connection, shared by Prisma, the migrator and the job queue; PGlite runs one statement at a time anyway.
 */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const poolSize = options.poolSize ?? 10;
  if (options.url) return fromConnection('postgres', { connectionString: options.url, max: poolSize }, async () => {});

  const onDisk = options.dataDir && options.dataDir !== 'memory' ? options.dataDir : undefined;
  const unlock = onDisk ? await lockDataDir(onDisk) : async () => {};
  const template = !onDisk && options.fromTemplate ? await readTemplate() : null;
  const embedded = onDisk
    ? await openOnDisk(path.join(onDisk, 'pglite'))
    : await PGlite.create(template ? { loadDataDir: template } : {});
  const socketDir = await mkdtemp(path.join(os.tmpdir(), 'sdr-pglite-'));
  const port = 5432;
  const server = new PGLiteSocketServer({
    db: embedded,
    path: path.join(socketDir, `.s.PGSQL.${port}`),
    // One pooled connection, plus room for a pool replacing a broken connection.
    maxConnections: 4,
  });
  await server.start();
  const database = await fromConnection(
    'pglite',
    { host: socketDir, port, user: 'postgres', database: 'postgres', max: 1 },
    async () => {
      await server.stop();
      await embedded.close();
      await rm(socketDir, { recursive: true, force: true });
      await unlock();
    },
  );
  return { ...database, dumpDataDir: () => embedded.dumpDataDir('gzip') };
}

/**
 * An existing data folder is opened as it is; a new one starts from the template `npm install` made, when there is
 * one for these migrations (else PGlite runs initdb and the migrator applies every migration).
 */
async function openOnDisk(dir: string): Promise<PGlite> {
  if (existsSync(path.join(dir, 'PG_VERSION'))) return PGlite.create(dir);
  const template = await readTemplate();
  return template ? PGlite.create({ dataDir: dir, loadDataDir: template }) : PGlite.create(dir);
}

async function fromConnection(
  kind: DatabaseKind,
  connection: pg.PoolConfig,
  closeEngine: () => Promise<void>,
): Promise<Database> {
  const pool = new pg.Pool(connection);
  // An idle connection closed by the server (restart, failover, a terminated backend) must not crash the process:
  // the pool drops it and the next query opens a new one; errors of queries in flight still reach their callers.
  pool.on('error', () => {});
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  let closed = false;
  return {
    kind,
    prisma,
    pool,
    connection,
    async close() {
      if (closed) return;
      closed = true;
      await prisma.$disconnect();
      await pool.end();
      await closeEngine();
    },
  };
}
