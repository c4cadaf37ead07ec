import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** One hash over every file's path and bytes under dir, so any change, addition or removal shows. */
export async function treeHash(dir: string): Promise<string> {
  const hash = createHash('sha256');
  const walk = async (current: string): Promise<void> => {
    const entries = (await readdir(current, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) {
        await walk(full);
      } else {
        hash
          .update(path.relative(dir, full))
          .update('\0')
          .update(await readFile(full))
          .update('\0');
      }
    }
  };
  await walk(dir);
  return hash.digest('hex');
}
