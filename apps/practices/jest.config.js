const preset = require('../../jest.preset.js');
module.exports = {
  ...preset,
  displayName: 'practices',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.int-spec.ts'],
};
