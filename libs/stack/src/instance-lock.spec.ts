import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { claimInstance } from './instance-lock';

describe('claimInstance', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'cpx-lock-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('gives an instance to one owner at a time', () => {
    const lock = claimInstance(dir, 'test instance');
    expect(() => claimInstance(dir, 'test instance')).toThrow(/in use by process/);
    lock.release();
    claimInstance(dir, 'test instance').release();
  });

  it('refuses an instance whose owner is alive', () => {
    writeFileSync(path.join(dir, 'owner.pid'), `${process.ppid}\n`);
    expect(() => claimInstance(dir, 'test instance')).toThrow(`in use by process ${process.ppid}`);
  });

  it('takes over an instance whose owner is dead', () => {
    const dead = spawnSync('true').pid;
    writeFileSync(path.join(dir, 'owner.pid'), `${dead}\n`);
    const lock = claimInstance(dir, 'test instance');
    expect(readFileSync(path.join(dir, 'owner.pid'), 'utf8').trim()).toBe(String(process.pid));
    lock.release();
  });
});
