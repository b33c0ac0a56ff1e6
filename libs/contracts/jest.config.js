// Unit tests of the contracts library (topic registry, wire round-trips).
const preset = require('../../jest.preset.js');

module.exports = {
  ...preset,
  displayName: 'contracts',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
