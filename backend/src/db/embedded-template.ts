import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readMigrations } from './migrate.ts';

/**
 * An embedded database just made and with every migration applied, kept as a tarball, so that a new data folder
 * (the first `npm start`) starts from it instead of running PostgreSQL's initdb and the migrations: about five
 * seconds on two cores. `npm install` makes it (scripts/make-database-template.js); it is named by what it holds,
 * PGlite's version and the migrations, so a change to either leaves it unused until it is made again. It lives in
 * node_modules/.cache, where tools keep what can be made again.
 */

const repoDir = fileURLToPath(new URL('../../../', import.meta.url));
const cacheDir = path.join(repoDir, 'node_modules', '.cache', 'sdr-enhancement-system');

function pgliteVersion(): string {
  // The package's exports hide its package.json: found from its entry point instead.
  let dir = path.dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  while (!existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

export async function templateFile(): Promise<string> {
  const hash = createHash('sha256').update(`pglite ${pgliteVersion()}\0`);
  for (const migration of await readMigrations()) hash.update(`${migration.name}\0${migration.checksum}\0`);
  return path.join(cacheDir, `pglite-${hash.digest('hex').slice(0, 16)}.tar.gz`);
}

/** The template for the current migrations, or null when none was made. */
export async function readTemplate(): Promise<Blob | null> {
  const file = await templateFile();
  if (!existsSync(file)) return null;
  return new Blob([await readFile(file)]);
}

/** Saves a tarball made by PGlite's dumpDataDir as the template for the current migrations. */
export async function writeTemplate(tarball: Blob): Promise<string> {
  const file = await templateFile();
  await mkdir(path.dirname(file), { recursive: true });
  // Written beside and renamed, so a start never reads half a template.
  const partial = `${file}.${process.pid}.partial`;
  await writeFile(partial, Buffer.from(await tarball.arrayBuffer()));
  await rename(partial, file);
  return file;
}
