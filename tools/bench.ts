// `npm run bench`: how fast CPX starts, how fast a directory read is through the gateway
// compared with what it is built on (a raw Kafka round trip, a raw Postgres select), how
// fast an alert is posted and reaches its recipient's live subscription compared with a
// raw Kafka produce -> consume, how fast a committed domain event reaches partners'
// webhook endpoints, and how much memory the whole platform holds, all
// measured in one run on this machine.
// A benchmark, not a test: it prints numbers and goals, and fails only if it cannot
// measure. Results go to docs/benchmarks.md (newest run first). Bounded: fixed call
// counts, a time cap per loop and for the whole run, traffic on 127.0.0.1 only; the
// platform is stopped at the end, on error and on Ctrl-C.
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { issueLocalToken, type Principal } from '@cpx/platform';
import type { KafkaSecurity } from '@cpx/platform';
import { startKafkaBroker, startPlatform, type KafkaAuth, type RunningPlatform } from '@cpx/stack';
import { UNLIMITED_RATES } from '@cpx/testing';
import { measureAlerts } from './bench/alerts-bench';
import { measureFeeds } from './bench/feeds-bench';
import { consoleSummary } from './bench/console-summary';
import { cpuShare, sampleComponentCpu, sampleCpu } from './bench/cpu-share';
import { databaseOf, gatewayRead, healthRead, postgresRead, requestClientHealth, requestClientRead, seedAgencies, type Target } from './bench/directory-reads';
import { connectEchoRequester, createEchoTopics, spawnEchoResponder, untilEchoAnswers } from './bench/echo-responder';
import { runConcurrent, runInterleaved } from './bench/load-runner';
import { describeCodeVersion } from './bench/code-version';
import { describeMachine } from './bench/machine';
import { latencyRatios } from './bench/percentiles';
import { writeBenchmarksDoc, type BenchPlan, type BenchRun, type ReadKey, type ReadResult } from './bench/report-writer';
import { platformMemory, type MemorySnapshot } from './bench/rss';
import { probeCaches, startTimed } from './bench/startup';

const ROOT = path.resolve(__dirname, '..');
const INSTANCE = 'bench';
const DOC = path.join(ROOT, 'docs', 'benchmarks.md');
const PLAN: BenchPlan = {
  agencies: 5,
  warmup: 200,
  // A p99 is the 1-in-100 worst: out of 1,000 rounds that is the 10th worst, which moved
  // the read's ratio by +-0.2x between runs of unchanged code. 3,000 rounds (about 35 s
  // here) put 30 observations above it.
  rounds: 3_000,
  sequentialCapSeconds: 60,
  inFlight: 8,
  concurrentTotal: 1_000,
  concurrentCapSeconds: 10,
  alerts: {
    warmup: 20,
    posts: 200,
    sequentialCapSeconds: 30,
    ratePerSecond: 100,
    rateSeconds: 20,
    maxInFlight: 200,
    drainSeconds: 10,
  },
  feeds: {
    endpoints: 10,
    warmup: 20,
    events: 50,
    sequentialCapSeconds: 30,
    ratePerSecond: 100,
    rateSeconds: 20,
    maxInFlight: 200,
    drainSeconds: 15,
  },
};
// Alerts the benchmark posts stay in the kept data; with the usual windows (1 h to 72 h)
// a later run would start with thousands of them escalating, on the same cores it measures.
const NEVER_DUE_MS = String(10 * 365 * 24 * 3_600_000);
const PLATFORM_ENV = {
  ALERTS_ACK_CRITICAL_MS: NEVER_DUE_MS,
  ALERTS_ACK_HIGH_MS: NEVER_DUE_MS,
  ALERTS_ACK_NORMAL_MS: NEVER_DUE_MS,
  // The benchmark's webhook receivers listen on 127.0.0.1, which a real deployment refuses.
  FEEDS_ALLOW_PRIVATE_ENDPOINTS: 'true',
  // One reader token and one address send thousands of requests a second on purpose:
  // the rate limits, meant for people and partners, would measure themselves.
  ...UNLIMITED_RATES,
};
// Far above a normal run (about 240 s on 2 cores, more the very first time, when Maven
// fetches the Kafka jars): only a hang gets here.
const WHOLE_RUN_CAP_MS = 8 * 60_000;
const READY_TIMEOUT_MS = 120_000;
// A Ctrl-C in a terminal reaches Kafka and Postgres too, and a kafkajs client leaving
// its group retries for minutes against a broker that is gone: closing is bounded.
const CLOSE_TIMEOUT_MS = 5_000;
// The reader is a professional from another country, as most directory reads are.
const READER: Principal = { subject: 'bench-reader', roles: ['professional'], country: 'FR' };

let platform: RunningPlatform | undefined;
const closers: (() => Promise<void>)[] = [];
let stopping: Promise<void> | undefined;

function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

/** Closes the benchmark's clients, then the platform; once, whoever asks first. */
function stopEverything(): Promise<void> {
  stopping ??= (async () => {
    await Promise.all(closers.splice(0).map((close) => closeWithin(close, CLOSE_TIMEOUT_MS)));
    if (platform) {
      progress('stopping the platform');
      await platform.stop();
    }
  })();
  return stopping;
}

async function main(): Promise<void> {
  const startedAt = performance.now();
  const identityDir = path.join(ROOT, '.cache', 'identity', INSTANCE);

  progress(`starting the platform (instance "${INSTANCE}", data kept between runs)`);
  const caches = probeCaches(ROOT, INSTANCE);
  const cpuAtStart = sampleCpu();
  const started = await startTimed(caches, () =>
    startPlatform({ instance: INSTANCE, fresh: false, identityDir, mode: 'local', readyTimeoutMs: READY_TIMEOUT_MS, env: PLATFORM_ENV }),
  );
  platform = started.platform;
  const running = platform;
  progress(`ready in ${started.timing.readySeconds.toFixed(1)} s`);
  const services = new Map(Object.values(running.services).flatMap((service) => (service.pid ? [[service.pid, service.name] as const] : [])));
  const atReady = platformMemory(services);
  const cpuAtReady = sampleCpu();

  const adminToken = await issueLocalToken(identityDir, { sub: 'bench-platform-admin', roles: ['platform_admin'] }, '30m');
  const readerToken = await issueLocalToken(identityDir, { sub: READER.subject, roles: [...READER.roles], cpx_country: READER.country }, '30m');
  progress(`seeding ${PLAN.agencies} agencies through GraphQL`);
  const ids = await seedAgencies(running.graphqlUrl, adminToken, PLAN.agencies);

  // What TLS and SASL cost, measured in this run: the same echo on a plaintext broker of
  // its own (no TLS, no users, no ACLs), beside the platform's TLS + SCRAM broker.
  progress('starting a plaintext Kafka broker for the baseline without TLS and SASL');
  const plaintext = await startKafkaBroker({ instance: `${INSTANCE}-plaintext`, fresh: true, plaintext: true });
  closers.push(() => plaintext.close()); // closed last of the reads' closers
  const cpuBeforeReads = sampleCpu();
  const reads: ReadResult[] = [];
  const targets: [ReadKey, string, ReadResult['role'], () => Promise<Target>][] = [
    ['kafka-echo', 'raw kafka echo (TLS + SCRAM)', 'baseline', () => kafkaEcho(running.stack.kafkaBrokers, running.stack.kafkaSecurity('tools'), running.stack.kafkaAuth)],
    ['kafka-echo-plaintext', 'raw kafka echo, plaintext broker', 'baseline', () => kafkaEcho(plaintext.brokers, {}, undefined)],
    ['pg-row', `raw pg (${databaseOf(running)})`, 'baseline', async () => postgresRead(running, ids, PLAN.inFlight)],
    ['rpc-health', 'RequestClient -> directory HealthCheck', 'layer', () => requestClientHealth(running, READER)],
    ['rpc-get-agency', 'RequestClient -> directory GetAgency', 'layer', () => requestClientRead(running, READER, ids)],
    ['http-health', 'gateway /health', 'layer', async () => healthRead(running.gatewayUrl)],
    ['gateway-query', 'gateway GraphQL agency(id)', 'measured', async () => gatewayRead(running.graphqlUrl, readerToken, ids)],
  ];
  const opened: Target[] = [];
  for (const [, label, , open] of targets) {
    progress(`connecting: ${label}`);
    const target = await open();
    opened.push(target);
    closers.push(() => target.close());
  }
  progress(`${PLAN.warmup} warm-up rounds, then ${PLAN.rounds} rounds calling each path once, interleaved`);
  const sequential = await runInterleaved(
    opened.map((target) => target.call),
    { warmup: PLAN.warmup, rounds: PLAN.rounds, capMs: PLAN.sequentialCapSeconds * 1000 },
  );
  for (const [index, [key, label, role]] of targets.entries()) {
    progress(`${label}: ${PLAN.concurrentTotal} calls with ${PLAN.inFlight} in flight`);
    const concurrent = await runConcurrent(opened[index]!.call, {
      inFlight: PLAN.inFlight,
      total: PLAN.concurrentTotal,
      capMs: PLAN.concurrentCapSeconds * 1000,
    });
    reads.push({ key, label, role, sequential: sequential[index]!, concurrent });
  }
  for (const close of closers.splice(0).reverse()) await closeWithin(close, CLOSE_TIMEOUT_MS);
  const cpuAfterReads = sampleCpu();

  const alerts = await measureAlerts(
    running,
    identityDir,
    adminToken,
    PLAN.alerts,
    { cpus: os.availableParallelism(), sample: () => sampleComponentCpu(services) },
    progress,
  );
  const cpuAfterAlerts = sampleCpu();

  const feeds = await measureFeeds(
    running,
    adminToken,
    PLAN.feeds,
    { cpus: os.availableParallelism(), sample: () => sampleComponentCpu(services) },
    progress,
  );
  const cpuAfterFeeds = sampleCpu();
  const afterLoad = platformMemory(services);

  const [kafka, gateway] = [reads.find((read) => read.key === 'kafka-echo')!, reads.find((read) => read.key === 'gateway-query')!];
  const run: BenchRun = {
    date: new Date(),
    instance: INSTANCE,
    machine: describeMachine(jvmPid(afterLoad)),
    // This file is rewritten by every run: changes to it alone are not changes to the code.
    code: describeCodeVersion(ROOT, [path.relative(ROOT, DOC)]),
    plan: PLAN,
    startup: started.timing,
    reads,
    alerts,
    feeds,
    ratios: latencyRatios(gateway.sequential, kafka.sequential),
    memory: { atReady, afterLoad },
    cpu: {
      startup: cpuShare(cpuAtStart, cpuAtReady),
      reads: cpuShare(cpuBeforeReads, cpuAfterReads),
      alerts: cpuShare(cpuAfterReads, cpuAfterAlerts),
      feeds: cpuShare(cpuAfterAlerts, cpuAfterFeeds),
    },
    benchSeconds: (performance.now() - startedAt) / 1000,
  };
  writeBenchmarksDoc(DOC, run);
  await stopEverything();
  process.stdout.write(consoleSummary(run, path.relative(ROOT, DOC)));
}

/** (a) Round trips through a responder process of our own, on bench-only topics. */
/** On the platform's broker as the tools principal (TLS + SCRAM, as every platform client), or on the plaintext one. */
async function kafkaEcho(brokers: string[], security: KafkaSecurity, auth: KafkaAuth | undefined): Promise<Target> {
  await createEchoTopics(brokers, auth);
  const responder = await spawnEchoResponder(brokers, security, ROOT);
  const requester = await connectEchoRequester(brokers, security).catch(async (error: unknown) => {
    await responder.close();
    throw error;
  });
  const close = async () => {
    await Promise.all([requester.close(), responder.close()]);
  };
  try {
    await untilEchoAnswers(requester, 30_000);
  } catch (error) {
    await close();
    throw error;
  }
  const payload = randomBytes(128);
  return {
    async call() {
      const reply = await requester.request(payload, 5_000);
      if (!reply.equals(payload)) throw new Error('echo came back altered');
    },
    close,
  };
}

async function closeWithin(close: () => Promise<void>, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
  await Promise.race([close().catch(() => undefined), late]);
  clearTimeout(timer);
}

function jvmPid(memory: MemorySnapshot): number | undefined {
  return memory.components.find((component) => component.component === 'kafka (JVM)')?.pids[0];
}

function onSignal(signal: NodeJS.Signals): void {
  if (stopping) {
    // A second Ctrl-C: exit now; the stack's exit handler still kills its children.
    process.exit(130);
  }
  progress(`${signal}: stopping everything`);
  // Before the platform is up there is nothing to close here: exiting runs the stack's
  // exit handler, which stops the Kafka, Postgres and service processes it started.
  void stopEverything().finally(() => process.exit(130));
}

process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);
const cap = setTimeout(() => {
  progress(`still running after ${WHOLE_RUN_CAP_MS / 1000} s: giving up`);
  void stopEverything().finally(() => process.exit(1));
}, WHOLE_RUN_CAP_MS);
cap.unref();

main().then(
  () => process.exit(0),
  async (error: unknown) => {
    // Once stopping, calls fail because the platform is going away: that is no failure.
    if (stopping) return;
    progress(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    await stopEverything().catch(() => undefined);
    process.exit(1);
  },
);
