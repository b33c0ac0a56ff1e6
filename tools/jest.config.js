// Tests of the workspace tooling: the lint rules in tools/eslint-rules (RuleTester, and
// the real eslint.config.mjs against deliberate violations), the helpers of tools/bench,
// and (e2e tier) the demo seeding `npm start` runs, against a whole platform.
const preset = require('../jest.preset.js');

module.exports = {
  ...preset,
  displayName: 'tools',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.spec.ts', '<rootDir>/**/*.e2e-spec.ts'],
  // A project of its own (tools/nx-plugin/jest.config.js).
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/nx-plugin/'],
};
