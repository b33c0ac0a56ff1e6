// A process that starts `sleep 60` under the process guard, prints the child's pid, and
// waits; "stop" on stdin stops the child the normal way and prints "stopped". Used by
// process-guard.spec.ts to kill a parent the way jest or a crash would.
import { spawn } from 'node:child_process';
import { guardChild, stopChild } from '../process-guard';

const child = spawn('sleep', ['60'], { stdio: 'ignore' });
guardChild(child, 'sleeper', { graceMs: 1_000 });
process.stdout.write(`${child.pid}\n`);
process.stdin.on('data', (data) => {
  if (!data.toString().includes('stop')) return;
  void stopChild(child, { graceMs: 1_000 }).then(() => process.stdout.write('stopped\n'));
});
