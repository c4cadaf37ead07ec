import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { artifactsDir, forceAppDir, previewDir } from './support/build.ts';
import { treeHash } from './support/tree-hash.ts';

// "The preview build must not change the deployable source": built from a copy of force-app, so that edits others
// make to the package while this runs cannot pass for the build's doing, and the copy hashed before and after.

let workDir: string;

beforeAll(async () => {
  // Inside the repository, where the copy's components find lightning-base-components as the originals do.
  await mkdir(artifactsDir, { recursive: true });
  workDir = await mkdtemp(path.join(artifactsDir, 'build-check-'));
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

function buildFrom(components: string, outDir: string): Promise<{ ms: number; scriptBytes: number }> {
  const script = `
    const { buildPreview } = await import(${JSON.stringify(path.join(previewDir, 'scripts', 'build.js'))});
    process.stdout.write(JSON.stringify(await buildPreview({ components: process.argv[1], outDir: process.argv[2] })));
  `;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script, components, outDir], {
      cwd: previewDir,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(JSON.parse(stdout)) : reject(new Error(`build failed (${code}):\n${stderr}`)),
    );
  });
}

test('building the preview leaves the component source byte for byte as it was', async () => {
  const source = path.join(workDir, 'force-app');
  await cp(forceAppDir, source, { recursive: true });
  // LWC's module resolver looks upward from a component for the package it belongs to, as force-app has in the repo.
  await writeFile(path.join(workDir, 'package.json'), '{ "name": "force-app-copy", "private": true }\n');
  const before = await treeHash(source);

  const outDir = path.join(workDir, 'dist');
  const result = await buildFrom(path.join(source, 'main', 'default', 'lwc'), outDir);

  expect(await treeHash(source)).toBe(before);
  expect(result.scriptBytes).toBeGreaterThan(0);
  expect(await readdir(outDir)).toEqual(expect.arrayContaining(['index.html', 'main.js', 'chunks', 'assets']));
});
