'use strict';
const path = require('node:path');
const { jestConfig } = require('@salesforce/sfdx-lwc-jest/config');

const mocks = path.join(__dirname, 'force-app/test/jest-mocks');

/** Component tests: sfdx-lwc-jest's engine and stubs, the platform modules it lacks mocked, and accessibility. */
module.exports = {
  ...jestConfig,
  rootDir: path.resolve(__dirname, '..'),
  roots: ['<rootDir>/salesforce-package/force-app'],
  testMatch: ['**/__tests__/**/*.test.js'],
  moduleNameMapper: {
    '^lightning/empApi$': path.join(mocks, 'lightning/empApi.js'),
    '^lightning/navigation$': path.join(mocks, 'lightning/navigation.js'),
    '^lightning/platformShowToastEvent$': path.join(mocks, 'lightning/platformShowToastEvent.js'),
  },
  setupFilesAfterEnv: [path.join(__dirname, 'jest.lwc.setup.cjs')],
};
