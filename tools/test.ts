// `npm test`: every check CPX has, tier by tier in the order that fails fastest, each tier
// one `nx run-many -t <target>` over the projects that have that target (nx.json holds the
// targets, project.json says which project has which):
//   contracts    proto-check     buf lint, breaking-change check against the baseline, codegen drift
//   typecheck    typecheck       tsc over each project's tsconfig.json
//   lint         lint            eslint, module boundaries included
//   build        build           every service compiled to dist/apps/<service> (tools/build.ts),
//                                which the e2e tier then runs with plain node
//   unit         test            *.spec.ts
//   schema       schema:check    each service's migrations on a throw-away database: they revert
//                                cleanly, and leave exactly apps/<svc>/src/database/schema.sql
//   generator    generator:check a service made by `nx g @cpx/nx-plugin:service` in a scratch copy
//                                passes its targets (typecheck, lint, build, test, schema:check,
//                                int), the proto checks and the specs of what lists services;
//                                then the copy is removed (tools/nx-plugin/check-service-generator.ts)
//   integration  int             *.int-spec.ts: one service, real Kafka broker, real Postgres
//   e2e          e2e             *.e2e-spec.ts: the whole platform through the gateway
// The first failing tier ends the run. Pure tiers (typecheck, lint, build, unit) come from
// Nx's cache when nothing they read changed; the others always run, one project at a time
// (each starts Kafka or Postgres, and the machines have two cores).
// `npm test -- unit lint` runs those tiers only; arguments starting with `--` go to Nx
// (`npm test -- unit --projects=alerts`). Ends with one line "N passed, N failed", counted
// from the JSON reports jest writes to .cache/test-reports/<target>/<project>.json.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
const node = process.execPath;
const reports = path.join(root, '.cache', 'test-reports');

interface Tier {
  name: string;
  target: string;
  /** One project at a time: these tiers start brokers and databases. */
  serial?: boolean;
  /** The target runs jest, which writes a JSON report per project. */
  jest?: boolean;
}

const tiers: Tier[] = [
  { name: 'contracts', target: 'proto-check' },
  { name: 'typecheck', target: 'typecheck' },
  { name: 'lint', target: 'lint' },
  { name: 'build', target: 'build' },
  { name: 'unit', target: 'test', jest: true },
  { name: 'schema', target: 'schema:check', serial: true },
  { name: 'generator', target: 'generator:check', serial: true },
  { name: 'integration', target: 'int', serial: true, jest: true },
  { name: 'e2e', target: 'e2e', serial: true, jest: true },
];

const args = process.argv.slice(2);
const nxArgs = args.filter((arg) => arg.startsWith('--'));
const only = args.filter((arg) => !arg.startsWith('--'));
const unknown = only.filter((name) => !tiers.some((tier) => tier.name === name || tier.target === name));
if (unknown.length > 0) {
  process.stderr.write(`Unknown tier(s): ${unknown.join(', ')}. Tiers: ${tiers.map((tier) => tier.name).join(', ')}.\n`);
  process.exit(2);
}
const selected = tiers.filter((tier) => only.length === 0 || only.includes(tier.name) || only.includes(tier.target));

interface Result {
  name: string;
  ok: boolean;
  seconds: number;
  passed: number;
  failed: number;
  skipped: number;
}

const results: Result[] = [];
for (const tier of selected) {
  process.stdout.write(`\n=== ${tier.name} (nx run-many -t ${tier.target}) ===\n`);
  const reportDir = path.join(reports, tier.target);
  // A report left by an earlier run must not be counted again; Nx restores the cached ones.
  if (tier.jest) rmSync(reportDir, { recursive: true, force: true });
  const startedAt = Date.now();
  const run = spawnSync(
    node,
    [
      'node_modules/nx/dist/bin/nx.js',
      'run-many',
      '-t',
      tier.target,
      '--outputStyle=static',
      ...(tier.serial ? ['--parallel=1'] : []),
      ...nxArgs,
    ],
    { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0', NX_TUI: 'false', NX_DAEMON: 'false' } },
  );
  const ok = run.status === 0;
  const counts = tier.jest ? jestCounts(reportDir) : { passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 };
  results.push({ name: tier.name, ok, seconds: (Date.now() - startedAt) / 1000, ...counts });
  if (!ok) {
    const skippedTiers = selected.slice(selected.indexOf(tier) + 1).map((later) => later.name);
    if (skippedTiers.length > 0) process.stdout.write(`\n${tier.name} failed: not running ${skippedTiers.join(', ')}.\n`);
    break;
  }
}

process.stdout.write('\n=== summary ===\n');
for (const result of results) {
  process.stdout.write(
    `${result.ok ? 'ok  ' : 'FAIL'} ${result.name.padEnd(12)} ${result.seconds.toFixed(1).padStart(6)} s  ` +
      `${result.passed} passed, ${result.failed} failed, ${result.skipped} skipped\n`,
  );
}
const total = results.reduce((sum, r) => ({ passed: sum.passed + r.passed, failed: sum.failed + r.failed, skipped: sum.skipped + r.skipped }), { passed: 0, failed: 0, skipped: 0 });
const failedTiers = results.filter((result) => !result.ok).length;
// A tier that failed without a failing test (a crash, a typecheck error) still counts.
const failed = Math.max(total.failed, failedTiers);
process.stdout.write(`${total.passed} passed, ${failed} failed, ${total.skipped} skipped\n`);
process.exit(failedTiers === 0 ? 0 : 1);

/** The sum of every project's jest report of one target; a report that cannot be read counts as a failure. */
function jestCounts(dir: string): { passed: number; failed: number; skipped: number } {
  const files = existsSync(dir) ? readdirSync(dir).filter((file) => file.endsWith('.json')) : [];
  const sum = { passed: 0, failed: 0, skipped: 0 };
  for (const file of files) {
    try {
      const report = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as {
        numPassedTests: number;
        numFailedTests: number;
        numPendingTests: number;
        numTodoTests: number;
        numRuntimeErrorTestSuites: number;
      };
      sum.passed += report.numPassedTests;
      sum.failed += report.numFailedTests + report.numRuntimeErrorTestSuites;
      sum.skipped += report.numPendingTests + report.numTodoTests;
    } catch {
      sum.failed += 1;
    }
  }
  return sum;
}
