import preset from '../jest.preset.js';

export default {
  ...preset,
  // Each test file opens its own database (in-memory PGlite, or a fresh database on TEST_DATABASE_URL).
  testTimeout: 60_000,
  maxWorkers: 2,
};
