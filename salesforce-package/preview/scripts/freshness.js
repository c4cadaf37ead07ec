import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { distDir, lwcDir, previewDir } from './paths.js';

/** Written last by the build, so its time is when dist was complete. */
export const STAMP_NAME = '.built';
const STAMP = path.join(distDir, STAMP_NAME);

function newestIn(target) {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target, { withFileTypes: true })) {
    // Component tests are not part of the bundle.
    if (entry.name === '__tests__' || entry.name === 'node_modules') continue;
    newest = Math.max(newest, newestIn(path.join(target, entry.name)));
  }
  return newest;
}

/** What the bundle is made of: the preview's own source and build, and the package's components. */
export function sourcesChangedAt() {
  return Math.max(
    newestIn(path.join(previewDir, 'src')),
    newestIn(path.join(previewDir, 'scripts')),
    newestIn(path.join(previewDir, 'package.json')),
    newestIn(lwcDir),
  );
}

/** True when dist is missing or older than any of its sources. */
export function isStale() {
  if (!existsSync(STAMP)) return true;
  return statSync(STAMP).mtimeMs < sourcesChangedAt();
}
