import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const previewDir = fileURLToPath(new URL('../../', import.meta.url));
export const forceAppDir = fileURLToPath(new URL('../../../force-app/', import.meta.url));
export const artifactsDir = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));

/** `npm run build` of the preview, in its own process as a user runs it; resolves with what it printed. */
export function buildPreview(): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['scripts/build.js'], { cwd: previewDir });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`build failed (${code}):\n${output}`)),
    );
  });
}
