#!/usr/bin/env node
// Builds the preview into dist/: the bundle, its page and the SLDS stylesheet with the images it refers to.
// `--if-stale` does nothing when dist is newer than every source (what `npm start` runs first).
import { cp, mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { STAMP_NAME, isStale } from './freshness.js';
import { distDir, previewDir, srcDir } from './paths.js';

const require = createRequire(path.join(previewDir, 'package.json'));
const STYLESHEET = 'salesforce-lightning-design-system.min.css';

async function sizeOf(target) {
  const info = await stat(target);
  if (!info.isDirectory()) return info.size;
  let total = 0;
  for (const entry of await readdir(target)) total += await sizeOf(path.join(target, entry));
  return total;
}

/**
 * Builds dist (or outDir) from scratch, from the package's components (or a copy of them in `components`); answers
 * how long it took and how big the script and the whole folder are.
 */
export async function buildPreview({ components, outDir = distDir } = {}) {
  // Loaded here, not at the top: `npm start` checks freshness first, and a production install has no build tools.
  const [{ rollup }, { rollupOptions }] = await Promise.all([import('rollup'), import('./rollup-options.js')]);
  const sldsAssets = path.join(path.dirname(require.resolve('@salesforce-ux/design-system/package.json')), 'assets');
  const started = Date.now();
  await rm(outDir, { recursive: true, force: true });
  const options = rollupOptions({ components, outDir });
  const bundle = await rollup(options);
  try {
    await bundle.write(options.output);
  } finally {
    await bundle.close();
  }
  await cp(path.join(srcDir, 'index.html'), path.join(outDir, 'index.html'));
  await mkdir(path.join(outDir, 'assets', 'styles'), { recursive: true });
  await cp(path.join(sldsAssets, 'styles', STYLESHEET), path.join(outDir, 'assets', 'styles', STYLESHEET));
  // The stylesheet's url(../images/…) backgrounds; the icons come as script, from the base components' icon sets.
  await cp(path.join(sldsAssets, 'images'), path.join(outDir, 'assets', 'images'), { recursive: true });
  await writeFile(path.join(outDir, STAMP_NAME), `${new Date().toISOString()}\n`);
  return {
    ms: Date.now() - started,
    scriptBytes: (await sizeOf(path.join(outDir, 'main.js'))) + (await sizeOf(path.join(outDir, 'chunks'))),
    totalBytes: await sizeOf(outDir),
  };
}

function hasBuildTools() {
  try {
    require.resolve('rollup');
    return true;
  } catch {
    return false;
  }
}

const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const ifStale = process.argv.includes('--if-stale');
  if (ifStale && !isStale()) {
    // Up to date: nothing to say on every start.
  } else if (ifStale && !hasBuildTools()) {
    // A production install (npm ci --omit=dev): the service starts without the preview, which is a demo aid.
    process.stdout.write('Preview not built: its build tools are not installed (npm install without --omit=dev).\n');
  } else {
    const result = await buildPreview();
    process.stdout.write(
      `Preview built in ${(result.ms / 1000).toFixed(1)} s: ${mb(result.scriptBytes)} of script, ${mb(result.totalBytes)} in ${path.relative(process.cwd(), distDir) || 'dist'}\n`,
    );
  }
}
