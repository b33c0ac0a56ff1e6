const preset = require('../../jest.preset.js');
module.exports = { ...preset, displayName: 'names', rootDir: __dirname, testMatch: ['<rootDir>/src/**/*.spec.ts'] };
