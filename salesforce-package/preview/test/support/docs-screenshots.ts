import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { artifactsDir } from './build.ts';
import { treesHash } from './tree-hash.ts';

/**
 * The user guide's screenshots (docs/images) are taken by the browser tests from the preview. Every run saves each
 * picture to test-artifacts/; `npm run docs:screenshots` (DOCS_SCREENSHOTS=1) also writes it into docs/images and
 * records which component source it shows (docs/images/screenshots.json), so a test can tell when the components
 * changed and the guide's pictures are out of date.
 */

const repoDir = fileURLToPath(new URL('../../../../', import.meta.url));
export const docsImagesDir = path.join(repoDir, 'docs', 'images');
export const screenshotsStamp = path.join(docsImagesDir, 'screenshots.json');

/** What the pictures show: the package's components (their tests aside) and the preview page around them. */
const UI_SOURCES = ['salesforce-package/force-app/main/default/lwc', 'salesforce-package/preview/src'];

export function updatingDocs(): boolean {
  return process.env.DOCS_SCREENSHOTS === '1';
}

export function uiSourcesHash(): Promise<string> {
  return treesHash(
    repoDir,
    UI_SOURCES.map((dir) => path.join(repoDir, dir)),
    { skip: ['__tests__'] },
  );
}

export interface ScreenshotsStamp {
  /** uiSourcesHash() of the source the pictures were taken from. */
  uiSources: string;
}

export async function readStamp(): Promise<ScreenshotsStamp | null> {
  try {
    return JSON.parse(await readFile(screenshotsStamp, 'utf8')) as ScreenshotsStamp;
  } catch {
    return null;
  }
}

/**
 * Takes one picture (a whole page, or one element) into test-artifacts/NAME.png and, when updating the docs, into
 * docs/images/NAME.png too.
 */
export async function docsShot(target: Page | Locator, name: string, options: { fullPage?: boolean } = {}) {
  const file = `${name}.png`;
  await mkdir(artifactsDir, { recursive: true });
  const picture =
    'goto' in target
      ? await target.screenshot({ fullPage: options.fullPage ?? false, animations: 'disabled' })
      : await target.screenshot({ animations: 'disabled' });
  await writeFile(path.join(artifactsDir, file), picture);
  if (updatingDocs()) {
    await mkdir(docsImagesDir, { recursive: true });
    await writeFile(path.join(docsImagesDir, file), picture);
    const stamp: ScreenshotsStamp = { uiSources: await uiSourcesHash() };
    await writeFile(screenshotsStamp, `${JSON.stringify(stamp, null, 2)}\n`);
  }
}
