import preset from '../../jest.preset.js';

export default {
  ...preset,
  // A build, a service and a browser on a small, shared machine.
  testTimeout: 240_000,
  // The two browser tests each build the preview into the one dist/ the service serves: run side by side, one
  // build would delete the files the other's page is loading. One file at a time.
  maxWorkers: 1,
};
