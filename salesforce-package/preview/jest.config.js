import preset from '../../jest.preset.js';

export default {
  ...preset,
  // A build, a service and a browser on a small, shared machine.
  testTimeout: 240_000,
};
