// Unit tests of the gateway (`*.spec.ts`); the end-to-end suite through Kafka lives in apps/e2e.
const preset = require('../../jest.preset.js');
module.exports = { ...preset, displayName: 'gateway', rootDir: __dirname, testMatch: ['<rootDir>/src/**/*.spec.ts'] };
