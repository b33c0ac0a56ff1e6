// Every project's jest config; `npm test` (tools/test.ts) runs them tier by tier:
// *.spec.ts (unit), *.int-spec.ts (one service on real Kafka + Postgres), *.e2e-spec.ts.
module.exports = {
  projects: ['<rootDir>/apps/*/jest.config.js', '<rootDir>/libs/*/jest.config.js'],
};
