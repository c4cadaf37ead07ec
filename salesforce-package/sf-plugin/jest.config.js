import preset from '../../jest.preset.js';

export default {
  ...preset,
  // Each file starts a backend on its own in-memory database; the end-to-end test runs the real sf.
  testTimeout: 60_000,
  maxWorkers: 2,
};
