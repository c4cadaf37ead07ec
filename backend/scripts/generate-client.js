#!/usr/bin/env node
// Generates the Prisma client into src/db/generated when the schema (or Prisma) changed since it was last generated,
// and does nothing otherwise: run by `npm install`, and before the service starts and the tests run. `--force`
// generates it whatever the stamp says.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const backendDir = fileURLToPath(new URL('../', import.meta.url));
const schemaFile = path.join(backendDir, 'prisma', 'schema.prisma');
const generatedDir = path.join(backendDir, 'src', 'db', 'generated');
const stampFile = path.join(generatedDir, '.schema-hash');
const require = createRequire(path.join(backendDir, 'package.json'));

function prismaVersion() {
  try {
    return JSON.parse(readFileSync(require.resolve('prisma/package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}

const version = prismaVersion();
const wanted = createHash('sha256')
  .update(readFileSync(schemaFile))
  .update('\0')
  .update(version ?? '')
  .digest('hex');
const generated = existsSync(path.join(generatedDir, 'client.ts'));

const force = process.argv.includes('--force');
if (
  !force &&
  generated &&
  (existsSync(stampFile) ? readFileSync(stampFile, 'utf8').trim() === wanted : version === null)
) {
  process.exit(0);
}
if (version === null) {
  // A production install (npm ci --omit=dev) has no Prisma CLI; the client must come with the build.
  process.stderr.write(
    generated
      ? 'The Prisma client may be out of date and the prisma CLI is not installed (npm install with dev dependencies).\n'
      : 'The Prisma client is not generated and the prisma CLI is not installed: run npm install with dev dependencies.\n',
  );
  // A production install goes on (its image brings the client); starting or testing without one stops here.
  process.exit(generated || process.env.npm_lifecycle_event === 'postinstall' ? 0 : 1);
}
// The schema engine is never downloaded: generation does not need it, and migrations are the service's own.
const run = spawnSync(process.execPath, [require.resolve('prisma/build/index.js'), 'generate'], {
  cwd: backendDir,
  encoding: 'utf8',
  env: { PRISMA_SCHEMA_ENGINE_BINARY: '/bin/false', PRISMA_HIDE_UPDATE_MESSAGE: '1', ...process.env },
});
if (run.status !== 0) {
  // Prisma's progress lines are noise on success, and the explanation on failure.
  process.stderr.write(`${run.stdout}${run.stderr}`);
  process.exit(run.status ?? 1);
}
writeFileSync(stampFile, `${wanted}\n`);
process.stdout.write(`Prisma client generated (${path.relative(process.cwd(), generatedDir) || generatedDir})\n`);
