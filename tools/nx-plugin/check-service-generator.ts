/**
 * Proves the service generator (CI's `generator` tier of `npm test`, `nx run
 * nx-plugin:generator:check`): in a scratch copy of this working tree, `nx g
 * @cpx/nx-plugin:service sample` makes a service, and the result passes, unchanged, what every
 * service passes: its own Nx targets (typecheck, lint, build, test, schema:check, and int on
 * real Kafka and Postgres), then, for what it was registered in, the proto checks (buf lint,
 * breaking, codegen drift), the workspace's typecheck, lint of the registrations and the
 * specs of what lists services. Then the copy is removed: the generated service never
 * reaches the tree. About two to three minutes, most of it the int spec's broker.
 *
 *   sh scripts/node24.sh -r @swc-node/register tools/nx-plugin/check-service-generator.ts [--no-int] [--keep]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
const SAMPLE = 'sample';
const withInt = !process.argv.includes('--no-int');
const keep = process.argv.includes('--keep');
const NX_ENV = { NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };

function main(): number {
  const startedAt = Date.now();
  const scratch = copyOfWorkingTree();
  const failures: string[] = [];
  try {
    const step = (title: string, args: string[], env: Record<string, string> = {}) => {
      const began = Date.now();
      process.stdout.write(`\n--- ${title}\n`);
      const run = spawnSync('sh', ['scripts/node24.sh', ...args], { cwd: scratch, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0', ...env } });
      process.stdout.write(`--- ${title}: ${run.status === 0 ? 'ok' : 'FAILED'} (${((Date.now() - began) / 1000).toFixed(1)} s)\n`);
      if (run.status !== 0) failures.push(title);
      return run.status === 0;
    };
    const jest = (pattern: string, extra: string[] = []) => [
      '--experimental-vm-modules',
      '--no-warnings',
      'node_modules/jest/bin/jest.js',
      '--testPathPatterns',
      pattern,
      '--runInBand',
      '--forceExit',
      ...extra,
    ];
    // Nx runs the generator from the plugin's sources, as `nx g` does for anyone.
    if (!step(`nx g @cpx/nx-plugin:service ${SAMPLE}`, ['node_modules/nx/dist/bin/nx.js', 'g', '@cpx/nx-plugin:service', SAMPLE, '--no-interactive'], NX_ENV)) {
      return report(startedAt, failures);
    }
    // The new project's own targets, the ones every service has (reference: apps/directory).
    const targets = ['typecheck', 'lint', 'build', 'test', 'schema:check', ...(withInt ? ['int'] : [])].filter((target) => hasTarget(scratch, target));
    step(
      `nx run-many -t ${targets.join(',')} -p ${SAMPLE}`,
      ['node_modules/nx/dist/bin/nx.js', 'run-many', '-t', targets.join(','), '-p', SAMPLE, '--parallel=1', '--outputStyle=static'],
      NX_ENV,
    );
    // What it was registered in: the contracts, the gateway, the e2e suite.
    step('proto: format, lint, breaking, drift', ['scripts/proto.mjs', 'check']);
    step('typecheck (workspace)', ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json', '--noEmit']);
    const registered = [`apps/gateway/src/${SAMPLE}`, `apps/e2e/src/${SAMPLE}.e2e-spec.ts`, 'apps/gateway/src/app.module.ts', 'apps/gateway/src/messaging', 'apps/gateway/src/health', 'libs/contracts/src', 'libs/stack/src', 'libs/testing/src'];
    step('lint (registrations)', ['node_modules/eslint/bin/eslint.js', ...registered, '--max-warnings', '0']);
    // The specs of what lists services (contracts, keys, principals, the gateway's readiness
    // and schema file) must hold with one more service; the gateway feature's own spec too.
    step('unit (registrations)', jest(`(apps/gateway/src/(${SAMPLE}/|health/|graphql/schema-file)|libs/contracts/|libs/stack/src/(kafka-auth|local-keys)|libs/platform/src/crypto/stack-keys).*\\.spec\\.ts$`));
    return report(startedAt, failures);
  } finally {
    if (keep) process.stdout.write(`kept the scratch copy: ${scratch}\n`);
    else rmSync(scratch, { recursive: true, force: true });
  }
}

function hasTarget(scratch: string, target: string): boolean {
  const project = JSON.parse(readFileSync(path.join(scratch, 'apps', SAMPLE, 'project.json'), 'utf8')) as { targets?: Record<string, unknown> };
  return target in (project.targets ?? {});
}

/**
 * The working tree as it is (tracked files and new ones, uncommitted changes included;
 * nothing git ignores), with node_modules linked, not copied.
 */
function copyOfWorkingTree(): string {
  const scratch = mkdtempSync(path.join(tmpdir(), 'cpx-generator-check-'));
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, maxBuffer: 64 * 1024 * 1024 })
    .toString('utf8')
    .split('\0')
    .filter(Boolean);
  for (const file of files) {
    const target = path.join(scratch, file);
    mkdirSync(path.dirname(target), { recursive: true });
    // A tracked file deleted in the working tree is simply not copied.
    try {
      cpSync(path.join(root, file), target, { preserveTimestamps: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  symlinkSync(path.join(root, 'node_modules'), path.join(scratch, 'node_modules'), 'dir');
  // Its own cache, so the Kafka instance and the databases of the int spec are the copy's;
  // but the broker's jars are the workspace's, resolved once.
  mkdirSync(path.join(scratch, '.cache', 'kafka'), { recursive: true });
  const jars = path.join(root, '.cache', 'kafka', 'libs');
  if (existsSync(jars)) symlinkSync(jars, path.join(scratch, '.cache', 'kafka', 'libs'), 'dir');
  process.stdout.write(`scratch copy of the working tree (${files.length} files): ${scratch}\n`);
  return scratch;
}

function report(startedAt: number, failures: string[]): number {
  const seconds = ((Date.now() - startedAt) / 1000).toFixed(0);
  if (failures.length === 0) {
    process.stdout.write(`\nservice generator: a generated service passes every check (${seconds} s); removed again\n`);
    return 0;
  }
  process.stdout.write(`\nservice generator: the generated service FAILED ${failures.join(', ')} (${seconds} s)\n`);
  return 1;
}

process.exit(main());
