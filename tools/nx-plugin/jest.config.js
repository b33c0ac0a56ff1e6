// The service generator's own specs (on an Nx virtual tree); the generator:check target
// proves a generated service on a scratch copy of the workspace.
const preset = require('../../jest.preset.js');

module.exports = {
  ...preset,
  displayName: 'nx-plugin',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
