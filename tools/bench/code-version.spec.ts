import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describeCodeVersion } from './code-version';

function repository(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'cpx-code-version-'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });
  git('init', '-q');
  writeFileSync(path.join(dir, 'a.ts'), 'one\n');
  writeFileSync(path.join(dir, 'bench.md'), 'runs\n');
  git('add', '.');
  git('-c', 'user.name=t', '-c', 'user.email=t@example.org', 'commit', '-qm', 'first');
  return dir;
}

describe('describeCodeVersion', () => {
  it('names the commit, and says so when tracked files changed beyond it', () => {
    const dir = repository();
    const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: dir, encoding: 'utf8' }).trim();
    expect(describeCodeVersion(dir)).toBe(`commit ${sha}`);
    writeFileSync(path.join(dir, 'a.ts'), 'two\n');
    expect(describeCodeVersion(dir)).toBe(`commit ${sha} with uncommitted changes`);
  });

  it('does not count a change to the files it is told to ignore (the report the run writes)', () => {
    const dir = repository();
    writeFileSync(path.join(dir, 'bench.md'), 'runs and one more\n');
    expect(describeCodeVersion(dir, ['bench.md'])).toMatch(/^commit [0-9a-f]+$/);
  });

  it('says it does not know outside a repository', () => {
    expect(describeCodeVersion(mkdtempSync(path.join(tmpdir(), 'cpx-no-git-')))).toBe('unknown (no git)');
  });
});
