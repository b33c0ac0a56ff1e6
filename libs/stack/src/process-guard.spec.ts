import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isProcessAlive, stopChild } from './process-guard';

const GUARDED_PARENT = path.join(__dirname, 'testing', 'guarded-parent.ts');

function startGuardedParent(): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['-r', '@swc-node/register', GUARDED_PARENT], { cwd: path.resolve(__dirname, '../../..') });
}

function nextLine(parent: ChildProcessWithoutNullStreams): Promise<string> {
  return new Promise((resolve) => parent.stdout.once('data', (data: Buffer) => resolve(data.toString().trim())));
}

/** Processes whose command line mentions `text` (the watchdogs name their parent's pid). */
function processesMentioning(text: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(text);
      } catch {
        return false;
      }
    })
    .map(Number);
}

async function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  return check();
}

describe('process guard', () => {
  it('sees this process as alive and an exited child as gone', async () => {
    expect(isProcessAlive(process.pid)).toBe(true);
    const child = spawn('true');
    await new Promise((resolve) => child.once('exit', resolve));
    expect(isProcessAlive(child.pid!)).toBe(false);
  });

  it('kills a child that ignores the stop signal once the grace period is over', async () => {
    const stubborn = spawn('sh', ['-c', 'trap "" TERM; echo ready; exec sleep 30'], { stdio: ['ignore', 'pipe', 'ignore'] });
    await new Promise((resolve) => stubborn.stdout.once('data', resolve));
    const startedAt = Date.now();
    await stopChild(stubborn, { stopSignal: 'SIGTERM', graceMs: 300 });
    expect(stubborn.signalCode).toBe('SIGKILL');
    expect(Date.now() - startedAt).toBeLessThan(5_000);
  });

  it('stops the child within seconds when its parent is killed outright, and leaves no watchdog behind', async () => {
    const parent = startGuardedParent();
    const childPid = Number(await nextLine(parent));
    expect(isProcessAlive(childPid)).toBe(true);
    parent.kill('SIGKILL');
    expect(await until(() => !isProcessAlive(childPid), 10_000)).toBe(true);
    expect(await until(() => processesMentioning(`--pid=${parent.pid}`).length === 0, 5_000)).toBe(true);
  }, 30_000);

  it('takes the watchdog down with the child when the child is stopped the normal way', async () => {
    const parent = startGuardedParent();
    try {
      const childPid = Number(await nextLine(parent));
      // The watchdog waits with GNU tail (Linux), which starts no process per second.
      expect(await until(() => processesMentioning(`--pid=${parent.pid}`).length > 0, 2_000)).toBe(true);
      parent.stdin.write('stop\n');
      expect(await nextLine(parent)).toBe('stopped');
      expect(isProcessAlive(childPid)).toBe(false);
      expect(await until(() => processesMentioning(`--pid=${parent.pid}`).length === 0, 2_000)).toBe(true);
    } finally {
      parent.kill('SIGKILL');
    }
  }, 30_000);
});
