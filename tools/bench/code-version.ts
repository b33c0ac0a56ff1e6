// Which code a run measured: a figure in docs/benchmarks.md means little once nobody can
// tell which commit produced it, or that the working tree held changes beyond it.
import { spawnSync } from 'node:child_process';

/** `commit e59ec98`, `commit e59ec98 with uncommitted changes`, or `unknown (no git)`. */
export function describeCodeVersion(root: string, ignoredPaths: string[] = []): string {
  const git = (...args: string[]) => spawnSync('git', args, { cwd: root, encoding: 'utf8', timeout: 10_000 });
  const head = git('rev-parse', '--short', 'HEAD');
  if (head.status !== 0 || !head.stdout.trim()) return 'unknown (no git)';
  const status = git('status', '--porcelain', '--untracked-files=no');
  const changed = status.stdout
    .split('\n')
    .map((line) => line.slice(3).trim())
    .filter((file) => file && !ignoredPaths.includes(file));
  return `commit ${head.stdout.trim()}${changed.length > 0 ? ' with uncommitted changes' : ''}`;
}
