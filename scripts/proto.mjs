// Protobuf contracts tooling (proto/ -> libs/contracts/src/gen), fully offline: the buf CLI
// and the protoc-gen-es plugin both come from node_modules.
//
//   generate   buf generate into libs/contracts/src/gen (npm run proto:generate)
//   check      buf format + lint, buf breaking against proto/baseline.binpb, and a drift
//              check of the generated code (npm run proto:check; CI and `nx test contracts`)
//   baseline   record the current contracts as the baseline that `check` compares with
//              (npm run proto:baseline; run it when a contract version is released)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const protoDir = join(root, 'proto');
// Must match `out` in proto/buf.gen.yaml (relative to proto/).
const genDir = join(root, 'libs', 'contracts', 'src', 'gen');
const baseline = 'baseline.binpb';

const buf = [join(root, 'node_modules', '@bufbuild', 'buf', 'bin', 'buf'), join(root, 'node_modules', '.bin', 'buf')].find(
  (candidate) => existsSync(candidate),
);
if (!buf) fail('the buf CLI is missing from node_modules (@bufbuild/buf). Run npm install.');

// protoc-gen-es starts with `#!/usr/bin/env node`: put this Node (24) first on PATH so the
// plugin does not run on an older machine-wide Node.
const env = {
  ...process.env,
  PATH: [dirname(process.execPath), join(root, 'node_modules', '.bin'), process.env.PATH].join(delimiter),
};

const commands = { generate, check, baseline: recordBaseline };
const command = commands[process.argv[2]];
if (!command) fail(`usage: proto.mjs <${Object.keys(commands).join('|')}>`);
command();

function generate() {
  runBuf(['generate']);
  console.log(`proto: generated ${relative(root, genDir)}`);
}

function check() {
  runBuf(['format', '--diff', '--exit-code'], 'proto files are not formatted: run `buf format -w` in proto/');
  runBuf(['lint']);
  if (!existsSync(join(protoDir, baseline))) fail(`proto/${baseline} is missing: run npm run proto:baseline`);
  runBuf(['breaking', '--against', baseline]);
  checkDrift();
  console.log('proto: format, lint, breaking and drift checks passed');
}

function recordBaseline() {
  runBuf(['build', '-o', baseline]);
  console.log(`proto: wrote proto/${baseline}`);
}

/** Generates into a temporary directory and compares it with the committed code, byte for byte. */
function checkDrift() {
  const scratch = mkdtempSync(join(tmpdir(), 'cpx-proto-'));
  try {
    // buf prepends -o to each plugin's `out`: <scratch>/proto/../libs/... = <scratch>/libs/...
    runBuf(['generate', '-o', join(scratch, 'proto')]);
    const fresh = join(scratch, relative(root, genDir));
    const expected = listFiles(fresh);
    const actual = listFiles(genDir);
    const problems = [
      ...expected.filter((file) => !actual.includes(file)).map((file) => `missing:  ${file}`),
      ...actual.filter((file) => !expected.includes(file)).map((file) => `stale:    ${file}`),
      ...expected
        .filter((file) => actual.includes(file))
        .filter((file) => !readFileSync(join(fresh, file)).equals(readFileSync(join(genDir, file))))
        .map((file) => `outdated: ${file}`),
    ];
    if (problems.length > 0) {
      fail(
        `${relative(root, genDir)} does not match proto/:\n  ${problems.join('\n  ')}\n` +
          'Generated code is never edited by hand: run npm run proto:generate',
      );
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function runBuf(args, hint) {
  const result = spawnSync(buf, args, { cwd: protoDir, env, stdio: 'inherit' });
  if (result.error) fail(`buf ${args[0]}: ${result.error.message}`);
  if (result.status !== 0) fail(hint ?? `buf ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
}

/** Paths of all files under dir, relative to it, sorted; [] when dir does not exist. */
function listFiles(dir, base = dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? listFiles(join(dir, entry.name), base) : [relative(base, join(dir, entry.name))]))
    .sort();
}

function fail(message) {
  console.error(`proto: ${message}`);
  process.exit(1);
}
