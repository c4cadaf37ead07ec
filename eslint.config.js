import js from '@eslint/js';
import lwcConfig from '@salesforce/eslint-config-lwc';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Lightning Web Components: Salesforce's own rules (LWC decorators, platform restrictions, Lightning Locker/LWS).
const LWC = 'salesforce-package/force-app/**/lwc/**/*.js';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      'backend/src/db/generated/**',
      '**/.data/**',
      'coverage/**',
      'salesforce-package/sf-plugin/lib/**',
      'salesforce-package/preview/dist/**',
      'salesforce-package/preview/test-artifacts/**',
      'backend/test-artifacts/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'error',
    },
  },
  {
    // Benchmarks exist to print their figures.
    files: ['**/bench/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/test/**/*.ts'],
    languageOptions: { globals: { ...globals.jest } },
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  ...lwcConfig.configs.recommended.map((config) => ({ ...config, files: [LWC] })),
  {
    files: [LWC],
    rules: { '@typescript-eslint/no-unused-vars': 'off', '@typescript-eslint/consistent-type-imports': 'off' },
  },
  {
    files: ['salesforce-package/force-app/**/__tests__/**/*.js', 'salesforce-package/force-app/test/**/*.js'],
    languageOptions: { globals: { ...globals.jest, ...globals.browser } },
  },
  {
    // The component preview's page and platform stand-ins run in the browser.
    files: ['salesforce-package/preview/src/**/*.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
