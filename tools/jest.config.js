// Unit tests of the workspace tooling: the lint rules in tools/eslint-rules (RuleTester, and
// the real eslint.config.mjs against deliberate violations) and the helpers of tools/bench.
const preset = require('../jest.preset.js');

module.exports = {
  ...preset,
  displayName: 'tools',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.spec.ts'],
};
