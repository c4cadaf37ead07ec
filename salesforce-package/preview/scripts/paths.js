import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const previewDir = fileURLToPath(new URL('../', import.meta.url));
export const srcDir = path.join(previewDir, 'src');
export const distDir = path.join(previewDir, 'dist');
export const platformDir = path.join(srcDir, 'platform');
/** The deployable component source, compiled as it is. */
export const forceAppDir = path.join(previewDir, '..', 'force-app');
export const lwcDir = path.join(forceAppDir, 'main', 'default', 'lwc');
