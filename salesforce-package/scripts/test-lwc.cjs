'use strict';
// Runs the Lightning Web Component tests with the jest that @salesforce/sfdx-lwc-jest brings (its own LWC engine),
// from the repository root, where sfdx-project.json tells its resolver where the components are.
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const root = path.resolve(__dirname, '../..');
const lwcJest = path.dirname(require.resolve('@salesforce/sfdx-lwc-jest/package.json'));
const jest = require.resolve('jest/bin/jest', { paths: [lwcJest] });
const result = spawnSync(
  process.execPath,
  [jest, '--config', path.join(__dirname, '..', 'jest.lwc.config.cjs'), ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit' },
);
process.exit(result.status ?? 1);
