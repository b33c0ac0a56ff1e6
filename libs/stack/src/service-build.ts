// Where a service's built JavaScript lives, and whether it is still the build of today's
// sources. `tools/build.ts` (`npm run build`, `nx build <service>`) compiles a service to
// dist/apps/<service>/ and records every file it read, with its hash, in build.json; the
// platform runs the built output only after checking that none of those files changed,
// and builds what is stale first. Hashing a few hundred files takes milliseconds, so every
// start checks; a build takes seconds, so only a change pays for one.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { stackLog } from './stack-log';
import { workspaceRoot } from './workspace';

/** What build.json holds: each file the build read (workspace-relative) and its sha256. */
export interface BuildRecord {
  inputs: Record<string, string>;
}

export const BUILD_RECORD = 'build.json';

/** `installDir`: a folder holding dist/ (and node_modules/) as the image does; by default the workspace. */
export function serviceDistDir(name: string, installDir = workspaceRoot()): string {
  return path.join(installDir, 'dist', 'apps', name);
}

/** The file `node` runs for a service. */
export function builtEntry(name: string, installDir?: string): string {
  return path.join(serviceDistDir(name, installDir), 'main.js');
}

export function fileHash(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** Why the service's build cannot be run as it is, or undefined when it is fresh. */
export function staleReason(name: string): string | undefined {
  return recordStaleness(serviceDistDir(name), workspaceRoot());
}

/** Why the build in `distDir` no longer matches the files under `root` it was made from. */
export function recordStaleness(distDir: string, root: string): string | undefined {
  let record: BuildRecord;
  try {
    record = JSON.parse(readFileSync(path.join(distDir, BUILD_RECORD), 'utf8')) as BuildRecord;
  } catch {
    return 'not built';
  }
  if (Object.keys(record.inputs ?? {}).length === 0) return 'no inputs recorded';
  for (const [file, hash] of Object.entries(record.inputs)) {
    let now: string;
    try {
      now = fileHash(path.join(root, file));
    } catch {
      return `${file} is gone`;
    }
    if (now !== hash) return `${file} changed`;
  }
  return undefined;
}

/** Builds each named service whose build is missing or stale (tools/build.ts, in a child process). */
export function ensureServicesBuilt(names: readonly string[]): void {
  const stale = names.map((name) => [name, staleReason(name)] as const).filter(([, reason]) => reason);
  if (stale.length === 0) return;
  stackLog(`building ${stale.map(([name, reason]) => `${name} (${reason})`).join(', ')}`);
  const run = spawnSync(process.execPath, ['-r', '@swc-node/register', 'tools/build.ts', ...stale.map(([name]) => name)], {
    cwd: workspaceRoot(),
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (run.status !== 0) throw new Error(`cpx stack: building ${stale.map(([name]) => name).join(', ')} failed (exit ${run.status ?? run.signal})`);
}
