import { spawn } from 'node:child_process';
import { isProcessAlive, stopChild } from './process-guard';

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
});
