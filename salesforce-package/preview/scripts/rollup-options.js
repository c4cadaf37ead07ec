import { readdirSync } from 'node:fs';
import path from 'node:path';
import lwc from '@lwc/rollup-plugin';
import replace from '@rollup/plugin-replace';
import { distDir, lwcDir, srcDir } from './paths.js';
import { platformModules } from './platform-modules.js';

/** The package's components as namespace `c`, read in place: `c/sdrScorePanel` → lwc/sdrScorePanel/sdrScorePanel.js. */
export function componentModules(components = lwcDir) {
  return readdirSync(components, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && !entry.name.startsWith('__'))
    .map((entry) => ({ name: `c/${entry.name}`, path: path.join(components, entry.name, `${entry.name}.js`) }));
}

/** `components` and `outDir` default to the package's components and dist/; a test builds a copy elsewhere. */
export function rollupOptions({ components = lwcDir, outDir = distDir } = {}) {
  return {
    input: path.join(srcDir, 'main.js'),
    // Warnings about the base components' own code are theirs to fix; errors still stop the build.
    onwarn(warning, warn) {
      const file = warning.id ?? warning.loc?.file ?? '';
      if (file.includes(`${path.sep}lightning-base-components${path.sep}`)) return;
      if (warning.code === 'CIRCULAR_DEPENDENCY' || warning.code === 'THIS_IS_UNDEFINED') return;
      warn(warning);
    },
    plugins: [
      platformModules(),
      replace({
        preventAssignment: true,
        values: { 'process.env.NODE_ENV': JSON.stringify('production'), 'import.meta.env.SSR': 'false' },
      }),
      lwc({
        rootDir: srcDir,
        // lightning-combobox attaches ElementInternals, which synthetic shadow allows only when compiled for it.
        enableSyntheticElementInternals: true,
        modules: [
          ...componentModules(components),
          { dir: path.join(srcDir, 'modules') },
          { npm: 'lightning-base-components' },
        ],
      }),
    ],
    output: {
      // Icon sets are loaded on demand by the base components: chunks, so only the sets in use are fetched.
      dir: outDir,
      format: 'esm',
      entryFileNames: 'main.js',
      chunkFileNames: 'chunks/[name]-[hash].js',
      sourcemap: false,
    },
  };
}
