// One stack instance (a folder under .cache) belongs to one process at a time: two
// brokers on one data dir corrupt it, and a second `npm start` should say so plainly
// instead of failing on a Kafka lock error. The lock is a pid file; a lock whose owner
// is dead is taken over, and whatever that owner left running (recorded pid files) is
// stopped first, which is how orphans of a SIGKILLed parent get cleaned up.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { atExitAfterChildren, isProcessAlive, stopPid, type StopOptions } from './process-guard';

const OWNER_FILE = 'owner.pid';
const heldHere = new Set<string>();

export interface InstanceLock {
  dir: string;
  release(): void;
}

export function claimInstance(dir: string, what: string): InstanceLock {
  mkdirSync(dir, { recursive: true });
  const ownerFile = path.join(dir, OWNER_FILE);
  const owner = readPid(ownerFile);
  if (heldHere.has(dir) || (owner !== undefined && owner !== process.pid && isProcessAlive(owner))) {
    throw new Error(
      `cpx stack: ${what} in ${dir} is in use by process ${owner ?? process.pid}. ` +
        `Stop it, or start this one with another instance name.`,
    );
  }
  writeFileSync(ownerFile, `${process.pid}\n`);
  heldHere.add(dir);
  const release = () => {
    heldHere.delete(dir);
    cancelExitRelease();
    if (readPid(ownerFile) === process.pid) rmSync(ownerFile, { force: true });
  };
  // Also on an exit that skipped the async stop, so the next run finds no stale lock.
  const cancelExitRelease = atExitAfterChildren(release);
  return { dir, release };
}

/**
 * Stops a process recorded in `pidFile` by an earlier, now dead owner of the instance,
 * if it is still running and its command line mentions `marker` (so a recycled pid of an
 * unrelated process is never touched).
 */
export async function stopOrphan(pidFile: string, marker: string, options: StopOptions): Promise<number | undefined> {
  const pid = readPid(pidFile);
  if (pid === undefined || !isProcessAlive(pid) || !commandLine(pid).includes(marker)) return undefined;
  await stopPid(pid, options);
  return pid;
}

export function readPid(file: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8').split('\n')[0] ?? '', 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}
