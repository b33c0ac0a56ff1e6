// A real Apache Kafka broker for machines without Docker: the jars from Maven Central
// (kafka-jars.ts), run as a child JVM in single-node KRaft mode, with its data under
// .cache/kafka/<instance>. It can be stopped and started again on the same port and
// data, so tests can take Kafka away and check that nothing is lost.
// Clients reach it only by TLS and a SCRAM-SHA-512 user (one per application, made with
// the instance: kafka-auth.ts), and Kafka's ACLs decide what each user may do (kafka-acls.ts).
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, statSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { RETENTION_CHECK_INTERVAL_MS, kafkaUserName } from '@cpx/contracts';
import { isPortFree, freePorts } from './free-port';
import { claimInstance, stopOrphan } from './instance-lock';
import { findJava, type JavaRuntime } from './java-runtime';
import { ensureLocalUsers, type KafkaAuth, type LocalKafkaUsers } from './kafka-auth';
import { resolveKafkaJars } from './kafka-jars';
import { renderPlaintextServerProperties, renderServerProperties } from './kafka-properties';
import { waitForKafka } from './kafka-ready';
import { ensureKafkaTls } from './kafka-tls';
import { guardChild, stopChild } from './process-guard';
import { elapsed, stackLog } from './stack-log';
import { cachePath, workspaceRoot } from './workspace';

export interface KafkaBrokerOptions {
  /** Folder name under .cache/kafka; one running broker per instance. */
  instance: string;
  /** Client port; a free one when not given. */
  port?: number;
  controllerPort?: number;
  /** Delete the instance's data first. */
  fresh?: boolean;
  readyTimeoutMs?: number;
  /**
   * No TLS, no users, no ACLs: only for the benchmark's plaintext baseline (what TLS and
   * SASL cost), never for the platform.
   */
  plaintext?: boolean;
}

export interface LocalKafkaBroker {
  readonly brokers: string[];
  /** TLS (the instance's CA) and every principal's SCRAM user; undefined for a plaintext broker. */
  readonly auth: KafkaAuth | undefined;
  /** Pid of the broker JVM while it runs. */
  readonly pid: number | undefined;
  /** Stops the broker cleanly, keeping its port and data (an outage, as tests need one). */
  stop(): Promise<void>;
  /** Starts it again on the same port and data dir, resolving once clients can use it. */
  start(): Promise<void>;
  /** Stops it for good and frees the instance for another process. */
  close(): Promise<void>;
}

// Heap fits a dev broker on small machines: under the benchmark's load (hundreds of
// topics, 1000 small messages/s) it stays well under 512 MiB, and a larger cap only let
// the heap grow into memory the platform's 3 GB budget needs elsewhere. G1 with short
// pauses is what Kafka's own start script uses.
const JVM_OPTIONS = [
  '-Xms256m',
  '-Xmx512m',
  '-XX:+UseG1GC',
  '-XX:MaxGCPauseMillis=20',
  '-XX:InitiatingHeapOccupancyPercent=35',
  '-XX:+ExplicitGCInvokesConcurrent',
  '-Djava.awt.headless=true',
];
const READY_TIMEOUT_MS = 90_000;
// A clean shutdown of one node takes a few seconds; past this it is stuck.
const STOP_GRACE_MS = 20_000;
const LOG_TAIL_LINES = 30;

export async function startKafkaBroker(options: KafkaBrokerOptions): Promise<LocalKafkaBroker> {
  const startedAt = Date.now();
  const dir = cachePath('kafka', options.instance);
  const files = {
    properties: path.join(dir, 'server.properties'),
    pid: path.join(dir, 'broker.pid'),
    log: path.join(dir, 'broker.log'),
    data: path.join(dir, 'data'),
    users: path.join(dir, 'users.json'),
    /** A digest of the users (and passwords) the storage was formatted with. */
    formattedUsers: path.join(dir, 'formatted-users'),
  };
  const lock = claimInstance(dir, `Kafka broker "${options.instance}"`);
  try {
    const orphan = await stopOrphan(files.pid, files.properties, { stopSignal: 'SIGTERM', graceMs: STOP_GRACE_MS });
    if (orphan) stackLog(`stopped Kafka broker left running by an earlier run (pid ${orphan})`);
    if (options.fresh) await rm(files.data, { recursive: true, force: true });

    const java = findJava();
    const libs = await resolveKafkaJars();
    const [port, controllerPort] = await choosePorts(options);
    const launch = { java, libs, files };
    let auth: KafkaAuth | undefined;
    if (options.plaintext) {
      await writeFile(files.properties, renderPlaintextServerProperties({ port, controllerPort, logDir: files.data }));
      if (!existsSync(path.join(files.data, 'meta.properties'))) await formatStorage(launch, undefined);
    } else {
      const tls = await ensureKafkaTls(path.join(dir, 'tls'));
      const users = await ensureLocalUsers(files.users);
      await writeFile(files.properties, renderServerProperties({
        port,
        controllerPort,
        logDir: files.data,
        tls,
        broker: users.broker,
        superUsers: [`User:${kafkaUserName('admin')}`],
        retentionCheckIntervalMs: RETENTION_CHECK_INTERVAL_MS,
      }));
      await prepareStorage(launch, users);
      auth = { tls: true, caFile: tls.ca, credentials: users, principalsFile: files.users };
    }
    await writeFile(files.log, '');

    const brokers = [`127.0.0.1:${port}`];
    const readyTimeoutMs = options.readyTimeoutMs ?? READY_TIMEOUT_MS;
    let child: ChildProcess | undefined;
    const launchAndWatch = async () => {
      const launched = await launchBroker(launch, brokers, readyTimeoutMs, auth);
      child = launched;
      // A broker that dies on its own (out of memory, disk full) is reported, and can be
      // started again; one we stopped is not.
      launched.once('exit', (code, signal) => {
        if (child !== launched) return;
        child = undefined;
        stackLog(`Kafka broker exited unexpectedly (${signal ?? code}); see ${files.log}`);
      });
    };
    await launchAndWatch();
    stackLog(`Kafka broker ready at ${brokers[0]} (Java ${java.major}, ${elapsed(startedAt)})`);

    const stop = async () => {
      if (!child) return;
      const stopping = child;
      child = undefined;
      await stopChild(stopping, { stopSignal: 'SIGTERM', graceMs: STOP_GRACE_MS });
      await rm(files.pid, { force: true });
    };
    return {
      brokers,
      auth,
      get pid() {
        return child?.pid;
      },
      stop,
      async start() {
        if (child) return;
        for (const taken of [port, controllerPort]) {
          if (!(await isPortFree(taken))) throw new Error(`cpx stack: port ${taken} of the Kafka broker was taken while it was stopped`);
        }
        await launchAndWatch();
      },
      async close() {
        await stop();
        lock.release();
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}

interface Launch {
  java: JavaRuntime;
  libs: string;
  files: { properties: string; pid: string; log: string; data: string; formattedUsers: string };
}

async function choosePorts(options: KafkaBrokerOptions): Promise<[number, number]> {
  const [a, b] = await freePorts(2);
  return [options.port ?? a!, options.controllerPort ?? b!];
}

function javaCommand({ java, libs }: Launch, mainClass: string, args: string[]): [string, string[]] {
  const log4j = path.join(workspaceRoot(), 'deploy', 'kafka', 'log4j2.properties');
  // `<dir>/*` is expanded by Java itself (no shell involved): every jar in the folder.
  // Java 24+ warns on every start that Kafka uses sun.misc.Unsafe (memory-mapped index
  // cleanup); allowing it explicitly keeps broker.log to what matters.
  const unsafe = java.major >= 24 ? ['--sun-misc-unsafe-memory-access=allow'] : [];
  return [java.executable, [...JVM_OPTIONS, ...unsafe, `-Dlog4j2.configurationFile=${log4j}`, '-cp', `${libs}/*`, mainClass, ...args]];
}

/**
 * Formats the storage on first start, with every SCRAM user (KRaft keeps them in its
 * metadata log, and kafkajs cannot add one to a running broker). An instance formatted
 * before its users were what they are now (before authentication came, or since a
 * principal was added) is formatted again: its topics are re-created by the stack and its
 * old records are lost, which a local or test broker can afford.
 */
async function prepareStorage(launch: Launch, users: LocalKafkaUsers): Promise<void> {
  const wanted = createHash('sha256').update(JSON.stringify(Object.values(users).map(({ username, password }) => [username, password]).sort())).digest('hex');
  if (existsSync(path.join(launch.files.data, 'meta.properties'))) {
    const formatted = existsSync(launch.files.formattedUsers) ? (await readFile(launch.files.formattedUsers, 'utf8')).trim() : '';
    if (formatted === wanted) return;
    stackLog(`Kafka storage in ${launch.files.data} was formatted without the current SCRAM users: formatting it again (its records are dropped)`);
    await rm(launch.files.data, { recursive: true, force: true });
  }
  await formatStorage(launch, users);
  await writeFile(launch.files.formattedUsers, `${wanted}\n`);
}

/** KRaft storage must be formatted once with a cluster id before the first start. */
async function formatStorage(launch: Launch, users: LocalKafkaUsers | undefined): Promise<void> {
  // 16 random bytes, base64url without padding: the form Kafka's own random ids take.
  const clusterId = newClusterId();
  const scram = Object.values(users ?? {}).flatMap(({ username, password }) => ['--add-scram', `SCRAM-SHA-512=[name=${username},password=${password}]`]);
  // `--cluster-id=<id>`, not `-t <id>`: a base64url id may begin with "-", which the
  // tool's argument parser then takes for an option (1 start in 64 failed that way).
  const [command, args] = javaCommand(launch, 'kafka.tools.StorageTool', ['format', `--cluster-id=${clusterId}`, '-c', launch.files.properties, ...scram]);
  const output = await new Promise<{ code: number | null; signal: NodeJS.Signals | null; text: string }>((resolve, reject) => {
    let text = '';
    const tool = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    tool.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    tool.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
    tool.once('error', reject);
    tool.once('exit', (code, signal) => resolve({ code, signal, text }));
  });
  if (output.code !== 0) {
    const exit = output.signal ?? output.code;
    throw new Error(`cpx stack: formatting Kafka storage in ${launch.files.data} failed (exit ${exit}):\n${output.text.trim() || '(no output)'}`);
  }
}

async function launchBroker(launch: Launch, brokers: string[], readyTimeoutMs: number, auth: KafkaAuth | undefined): Promise<ChildProcess> {
  const { files } = launch;
  const logOffset = existsSync(files.log) ? statSync(files.log).size : 0;
  // The broker writes straight to a file, not a pipe to us: no back-pressure if we stop
  // reading, and the log is there to read after a failure or a crash of this process.
  const logFd = openSync(files.log, 'a');
  const [command, args] = javaCommand(launch, 'kafka.Kafka', [files.properties]);
  // Not detached: a Ctrl-C or a closed terminal reaches the broker too.
  const child = spawn(command, args, { stdio: ['ignore', logFd, logFd], detached: false });
  closeSync(logFd);
  // The broker alone never keeps this process alive: a test that forgets stop() must not
  // hang jest (and CI) forever. The process guard's watchdog stops it once we are gone.
  child.unref();
  let exit: string | undefined;
  child.once('exit', (code, signal) => (exit = `exited with ${signal ?? code}`));
  child.once('error', (error) => (exit = error.message));
  guardChild(child, 'Kafka broker', { stopSignal: 'SIGTERM', graceMs: STOP_GRACE_MS, pidFile: files.pid });
  if (child.pid) await writeFile(files.pid, `${child.pid}\n`);

  try {
    await waitForKafka(brokers, {
      auth,
      timeoutMs: readyTimeoutMs,
      failure: () => (exit ? `Kafka broker ${exit} before it was ready` : undefined),
    });
    return child;
  } catch (error) {
    await stopChild(child, { graceMs: 5_000 });
    throw new Error(
      `cpx stack: ${(error as Error).message}. Last lines of ${files.log}:\n${logTail(files.log, logOffset)}`,
      { cause: error },
    );
  }
}

function logTail(file: string, fromOffset: number): string {
  try {
    const lines = readFileSync(file).subarray(fromOffset).toString('utf8').trimEnd().split('\n');
    return lines.slice(-LOG_TAIL_LINES).join('\n') || '(empty)';
  } catch {
    return '(no log)';
  }
}

/** 16 random bytes, base64url without padding, as Kafka's own `random-uuid` prints them. */
export function newClusterId(): string {
  return randomBytes(16).toString('base64url');
}
