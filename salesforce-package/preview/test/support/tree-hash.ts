import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * One hash over every file's path and bytes under dir, so any change, addition or removal shows. `skip` leaves out
 * folders by name (component tests, say).
 */
export async function treeHash(dir: string, options: { skip?: string[] } = {}): Promise<string> {
  const hash = createHash('sha256');
  await hashInto(hash, dir, dir, new Set(options.skip ?? []));
  return hash.digest('hex');
}

/** Several trees in one hash, each file named by its path relative to `root`. */
export async function treesHash(root: string, dirs: string[], options: { skip?: string[] } = {}): Promise<string> {
  const hash = createHash('sha256');
  for (const dir of dirs) await hashInto(hash, root, dir, new Set(options.skip ?? []));
  return hash.digest('hex');
}

async function hashInto(hash: ReturnType<typeof createHash>, root: string, current: string, skip: Set<string>) {
  const entries = (await readdir(current, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const full = path.join(current, entry.name);
    if (entry.isDirectory()) {
      if (!skip.has(entry.name)) await hashInto(hash, root, full, skip);
    } else {
      hash
        .update(path.relative(root, full).split(path.sep).join('/'))
        .update('\0')
        .update(await readFile(full))
        .update('\0');
    }
  }
}
