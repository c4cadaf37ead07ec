import { mkdir, open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * The embedded database may be opened by one process at a time: a second PGlite on the same folder would corrupt it.
 * A pid file guards the folder; a file left by a process that no longer runs is taken over.
 */
export class DataDirLockedError extends Error {}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  await mkdir(dataDir, { recursive: true });
  const file = path.join(dataDir, 'sdr.pid');
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const handle = await open(file, 'wx', 0o600);
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number.parseInt(await readFile(file, 'utf8').catch(() => ''), 10);
      if (Number.isInteger(pid) && pid !== process.pid && isRunning(pid))
        throw new DataDirLockedError(
          `The embedded database in ${dataDir} is in use by process ${pid}. Stop it first, or point DATABASE_URL at a PostgreSQL server.`,
        );
      await rm(file, { force: true });
    }
  }
  throw new DataDirLockedError(`Could not lock ${dataDir}`);
}
