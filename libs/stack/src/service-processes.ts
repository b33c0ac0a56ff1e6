// Runs CPX services (gateway, directory, ...) as child processes, the same way for
// `npm start`, the e2e tests and the benchmark: plain Node 24 running the built JavaScript
// (dist/apps/<name>/main.js; startPlatform builds what is stale first, see service-build.ts),
// one log file per service, stopped with the stack (no orphans), and restartable so tests
// can take a service away and bring it back.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { guardChild, stopChild } from './process-guard';
import { builtEntry } from './service-build';
import { stackLog } from './stack-log';
import { cachePath, workspaceRoot } from './workspace';

export interface ServiceProcess {
  readonly name: string;
  readonly logFile: string;
  /** Starts the service (again); resolves once the process runs, not once it is ready. */
  start(): void;
  stop(): Promise<void>;
  readonly running: boolean;
  readonly pid: number | undefined;
}

/** `installDir`: run the build found there (dist/ and node_modules/, as in the image) instead of the workspace's. */
export function serviceProcess(name: string, env: Record<string, string>, instance: string, installDir?: string): ServiceProcess {
  const logDir = cachePath('logs', instance);
  mkdirSync(logDir, { recursive: true });
  const logFile = path.join(logDir, `${name}.log`);
  const entry = builtEntry(name, installDir);
  let child: ChildProcess | undefined;

  return {
    name,
    logFile,
    get running() {
      return !!child && child.exitCode === null && child.signalCode === null;
    },
    get pid() {
      return child?.pid;
    },
    start() {
      if (child && child.exitCode === null && child.signalCode === null) return;
      const log = createWriteStream(logFile, { flags: 'a' });
      // Source maps: a stack trace in a log names the TypeScript line.
      child = spawn(process.execPath, ['--enable-source-maps', entry], {
        cwd: installDir ?? workspaceRoot(),
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout?.pipe(log);
      child.stderr?.pipe(log);
      const started = child;
      started.once('exit', (code, signal) => {
        if (code !== 0 && code !== null) stackLog(`${name} exited with code ${code} (log: ${logFile})`);
        else if (signal && signal !== 'SIGTERM') stackLog(`${name} stopped by ${signal}`);
      });
      guardChild(started, name, { graceMs: 10_000 });
    },
    async stop() {
      if (child) await stopChild(child, { graceMs: 10_000 });
    },
  };
}

/** Polls a URL until it answers 2xx, or fails with the reason after `timeoutMs`. */
export async function waitForHttpOk(url: string, timeoutMs: number, why: () => string = () => ''): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
      last = `${response.status} ${await response.text()}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms: ${last}${why()}`);
}
