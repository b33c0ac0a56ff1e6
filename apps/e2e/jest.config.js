const preset = require('../../jest.preset.js');
module.exports = {
  ...preset,
  displayName: 'e2e',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.e2e-spec.ts'],
  // Each suite starts a whole platform (Kafka, Postgres, services): give it time.
  testTimeout: 120_000,
};
