// Every project's jest config at once (`jest --testPathPatterns ...` from the root). `npm test`
// runs each project's through Nx instead (nx.json: test, int, e2e), tier by tier:
// *.spec.ts (unit), *.int-spec.ts (one service on real Kafka + Postgres), *.e2e-spec.ts.
module.exports = {
  // Per-project testTimeout is ignored when projects run together; hooks that stop a
  // whole platform need more than the default 5 s on two cores.
  testTimeout: 120_000,
  projects: ['<rootDir>/apps/*/jest.config.js', '<rootDir>/libs/*/jest.config.js', '<rootDir>/tools/jest.config.js', '<rootDir>/tools/nx-plugin/jest.config.js'],
};
