// One stack instance (a folder under .cache) belongs to one process at a time: two
// brokers on one data dir corrupt it, and a second `npm start` should say so plainly
// instead of failing on a Kafka lock error. The lock is a pid file; a lock whose owner
// is dead is taken over, and whatever that owner left running (recorded pid files) is
// stopped first, which is how orphans of a SIGKILLed parent get cleaned up.
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
  if (heldHere.has(dir) || !createOwnerFile(ownerFile)) {
    throw new Error(
      `cpx stack: ${what} in ${dir} is in use by process ${readPid(ownerFile) ?? process.pid}. ` +
        `Stop it, or start this one with another instance name.`,
    );
  }
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
 * Creates the owner file only if it does not exist (O_EXCL), so two processes starting
 * at the same moment cannot both get the instance. A file left by a dead owner is
 * removed and creation tried once more.
 */
function createOwnerFile(ownerFile: string): boolean {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(ownerFile, `${process.pid}\n`, { flag: 'wx' });
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = readPid(ownerFile);
    if (owner !== undefined ? isProcessAlive(owner) : isFresh(ownerFile)) return false;
    rmSync(ownerFile, { force: true });
  }
  return false;
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

/** An empty owner file younger than a few seconds is another process writing its pid right now. */
function isFresh(file: string): boolean {
  try {
    return Date.now() - statSync(file).mtimeMs < 5_000;
  } catch {
    return false;
  }
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
