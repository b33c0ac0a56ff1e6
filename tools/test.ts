// `npm test`: every check CPX has, in the order that fails fastest.
//   contracts    buf lint, breaking-change check against the baseline, codegen drift
//   typecheck    tsc over the whole workspace
//   lint         eslint, module boundaries included
//   build        every service compiled to dist/apps/<service> (tools/build.ts), which
//                the e2e tier then runs with plain node
//   unit         *.spec.ts
//   generator    a service made by `nx g @cpx/nx-plugin:service` in a scratch copy passes the
//                proto checks, typecheck, lint, build, its unit and int specs; then removed
//                (tools/nx-plugin/check-service-generator.ts, about 3 minutes)
//   integration  *.int-spec.ts: one service, real Kafka broker, real Postgres
//   e2e          *.e2e-spec.ts: the whole platform through the gateway
// Each tier starts what it needs (see libs/stack). Ends with one line "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
const node = process.execPath;
const reports = path.join(root, '.cache', 'test-reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

interface Step {
  name: string;
  args: string[];
  jestReport?: string;
}

const jest = (tier: string, pattern: string, extra: string[] = []): Step => ({
  name: tier,
  jestReport: path.join(reports, `${tier}.json`),
  args: [
    '--experimental-vm-modules',
    '--no-warnings',
    'node_modules/jest/bin/jest.js',
    '--testPathPatterns',
    pattern,
    '--json',
    '--outputFile',
    path.join(reports, `${tier}.json`),
    ...extra,
  ],
});

const only = process.argv.slice(2);
const steps: Step[] = [
  { name: 'contracts', args: ['scripts/proto.mjs', 'check'] },
  { name: 'typecheck', args: ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json', '--noEmit'] },
  { name: 'lint', args: ['node_modules/eslint/bin/eslint.js', '.', '--max-warnings', '0'] },
  { name: 'build', args: ['-r', '@swc-node/register', 'tools/build.ts'] },
  jest('unit', '\\.spec\\.ts$'),
  { name: 'generator', args: ['-r', '@swc-node/register', 'tools/nx-plugin/check-service-generator.ts'] },
  // --forceExit: these tiers start brokers, databases and processes; every suite stops
  // what it started, but a socket left half-closed must never turn CI into a 90-minute hang.
  jest('integration', '\\.int-spec\\.ts$', ['--runInBand', '--forceExit']),
  jest('e2e', '\\.e2e-spec\\.ts$', ['--runInBand', '--forceExit']),
].filter((step) => only.length === 0 || only.includes(step.name));

const results: { name: string; ok: boolean; seconds: number; passed: number; failed: number; skipped: number }[] = [];
for (const step of steps) {
  process.stdout.write(`\n=== ${step.name} ===\n`);
  const startedAt = Date.now();
  const run = spawnSync(node, step.args, { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  const counts = step.jestReport ? jestCounts(step.jestReport) : { passed: run.status === 0 ? 1 : 0, failed: run.status === 0 ? 0 : 1, skipped: 0 };
  results.push({ name: step.name, ok: run.status === 0, seconds: (Date.now() - startedAt) / 1000, ...counts });
}

process.stdout.write('\n=== summary ===\n');
for (const result of results) {
  process.stdout.write(
    `${result.ok ? 'ok  ' : 'FAIL'} ${result.name.padEnd(12)} ${result.seconds.toFixed(1).padStart(6)} s  ` +
      `${result.passed} passed, ${result.failed} failed, ${result.skipped} skipped\n`,
  );
}
const total = results.reduce((sum, r) => ({ passed: sum.passed + r.passed, failed: sum.failed + r.failed, skipped: sum.skipped + r.skipped }), { passed: 0, failed: 0, skipped: 0 });
const failedSteps = results.filter((result) => !result.ok).length;
// A step that failed without a failing test (a crash, a typecheck error) still counts.
const failed = Math.max(total.failed, failedSteps);
process.stdout.write(`${total.passed} passed, ${failed} failed, ${total.skipped} skipped\n`);
process.exit(failedSteps === 0 ? 0 : 1);

function jestCounts(file: string): { passed: number; failed: number; skipped: number } {
  try {
    const report = JSON.parse(readFileSync(file, 'utf8')) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number; numRuntimeErrorTestSuites: number };
    return { passed: report.numPassedTests, failed: report.numFailedTests + report.numRuntimeErrorTestSuites, skipped: report.numPendingTests + report.numTodoTests };
  } catch {
    return { passed: 0, failed: 1, skipped: 0 };
  }
}
