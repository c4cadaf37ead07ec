import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { docsImagesDir, readStamp, uiSourcesHash } from './support/docs-screenshots.ts';

// The user guide's pictures are of the components as they are: when a component or the preview page changes, the
// browser tests must take them again (`npm run docs:screenshots`).

const docsDir = fileURLToPath(new URL('../../../docs/', import.meta.url));

async function guideImages(): Promise<{ guide: string; image: string }[]> {
  const guides = (await readdir(docsDir)).filter((name) => name.endsWith('.md'));
  const found: { guide: string; image: string }[] = [];
  for (const guide of guides) {
    const text = await readFile(path.join(docsDir, guide), 'utf8');
    for (const match of text.matchAll(/!\[[^\]]*\]\((images\/[^)\s]+)\)/g)) found.push({ guide, image: match[1]! });
  }
  return found;
}

test('the screenshots were taken from the components as they are now', async () => {
  const stamp = await readStamp();
  expect(stamp).not.toBeNull();
  const current = await uiSourcesHash();
  if (stamp!.uiSources !== current)
    throw new Error(
      'The components or the preview page changed since docs/images was taken: run `npm run docs:screenshots` and commit docs/images.',
    );
});

test('every picture a guide shows exists, and every picture is shown', async () => {
  const shown = await guideImages();
  expect(shown.length).toBeGreaterThan(0);
  expect(shown.filter(({ image }) => !existsSync(path.join(docsDir, image)))).toEqual([]);
  const pictures = (await readdir(docsImagesDir)).filter((name) => name.endsWith('.png'));
  const used = new Set(shown.map(({ image }) => path.basename(image)));
  expect(pictures.filter((name) => !used.has(name))).toEqual([]);
});
