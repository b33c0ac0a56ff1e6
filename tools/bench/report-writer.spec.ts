// The writer on a sample run (never `npm run bench` here): the doc keeps its own sections
// and shows only the latest run; every run goes to the history, which renders it back.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { historyTable, normaliseTables, readHistory, renderRunSection } from './history';
import type { AlertsResult, SteadyRate } from './alerts-bench';
import type { FeedsResult } from './feeds-bench';
import type { LoopResult } from './load-runner';
import type { OpenLoopOutcome } from './open-loop';
import type { LatencySummary } from './percentiles';
import { LATEST_MARKER, writeBenchmarksDoc, type BenchRun } from './report-writer';
import type { MemorySnapshot } from './rss';

const latency = (p50: number, overrides: Partial<LatencySummary> = {}): LatencySummary => ({
  count: 1000,
  errors: 0,
  p50,
  p95: p50 * 2,
  p99: p50 * 3,
  mean: p50 * 1.2,
  max: p50 * 5,
  throughputPerSecond: 1000 / (p50 * 1.2),
  wallMs: 1000 * p50 * 1.2,
  ...overrides,
});
const loop = (p50: number): LoopResult => ({ ...latency(p50), capped: false });
const openLoop: OpenLoopOutcome = { offered: 2000, sent: 2000, dropped: 0, failed: 0, startedAt: 0, windowMs: 20_000, settledMs: 20_100, lagMs: { p99: 2, max: 5 } };
const steady = (p50: number): SteadyRate => ({ loop: openLoop, latency: latency(p50), missing: 0, achievedPerSecond: 100, trend: { first: p50, last: p50 } });
const memory = (rssMiB: number): MemorySnapshot => {
  const component = (name: string, mib: number) => ({ component: name, pids: [1], processes: 1, rssBytes: mib * 1024 ** 2, pssBytes: mib * 1024 ** 2 });
  return { components: [component('kafka (JVM)', rssMiB / 2), component('gateway', rssMiB / 2)], total: component('total', rssMiB), harness: component('bench harness (not counted)', 300) };
};
const cpu = { ours: 0.8, others: 0.01, idle: 0.19, loadAverage1m: { from: 1, to: 1.5 } };

function sampleRun(date: string, commit: string, gatewayP50: number): BenchRun {
  const alerts: AlertsResult = {
    plan: { warmup: 20, posts: 200, sequentialCapSeconds: 60, ratePerSecond: 100, rateSeconds: 20, maxInFlight: 200, drainSeconds: 10 },
    recipients: 1,
    oneAtATime: { post: { ...latency(10), capped: false }, live: latency(11), split: { toService: 6, serviceToLive: 5 } },
    kafkaOneWay: steady(0.9),
    postReply: steady(15),
    postToLive: { ...steady(16), split: { toService: 15, serviceToLive: 11 } },
    steadyCpu: { windowMs: 20_000, components: [{ component: 'alerts', cores: 0.45 }] },
  };
  const feeds: FeedsResult = {
    plan: { endpoints: 10, warmup: 5, events: 50, sequentialCapSeconds: 60, ratePerSecond: 100, rateSeconds: 20, maxInFlight: 200, drainSeconds: 10 },
    oneAtATime: { firstAttempt: { ...latency(10), capped: false }, allEndpoints: latency(10) },
    steady: { loop: openLoop, commit: latency(0.8), firstAttempt: latency(14), missing: 0, attemptsPerSecond: 1000, trend: { first: 14, last: 14 }, endpointP95: { fastest: 30, slowest: 33 } },
    malformed: 0,
    steadyCpu: { windowMs: 20_000, components: [{ component: 'feeds', cores: 0.35 }] },
  };
  return {
    date: new Date(date),
    instance: 'bench',
    machine: { cpus: 2, cpuModel: 'AMD EPYC', memoryBytes: 23.5 * 1024 ** 3, kernel: 'Linux 6.18', node: 'v24.22.3', java: 'openjdk 17' },
    code: `commit ${commit}`,
    plan: { agencies: 50, warmup: 50, rounds: 3000, sequentialCapSeconds: 60, inFlight: 8, concurrentTotal: 1000, concurrentCapSeconds: 30, alerts: alerts.plan, feeds: feeds.plan },
    startup: { readySeconds: 8.3, milestones: [{ name: 'Postgres ready', seconds: 1.2 }], caches: [{ name: 'Postgres initialised (bench)', warm: true }] },
    reads: [
      { key: 'kafka-echo', label: 'raw kafka echo (TLS + SCRAM)', role: 'baseline', sequential: loop(1.4), concurrent: loop(5.8) },
      { key: 'rpc-health', label: 'RequestClient -> directory HealthCheck', role: 'layer', sequential: loop(2.5) },
      { key: 'rpc-get-agency', label: 'RequestClient -> directory GetAgency', role: 'layer', sequential: loop(2.2) },
      { key: 'gateway-query', label: 'gateway GraphQL agency(id)', role: 'measured', sequential: loop(gatewayP50), concurrent: loop(12.4) },
    ],
    alerts,
    feeds,
    ratios: { p50: 2.69, p95: 2.17, p99: 2.02 },
    memory: { atReady: memory(1200), afterLoad: memory(1800) },
    cpu: { startup: cpu, reads: cpu, alerts: cpu, feeds: cpu },
    benchSeconds: 158,
  };
}

const OWN_SECTION = `## Built output: services run as JavaScript (measured 2026-12-08)

Measured once, by hand: | a | table | stays as written.
`;

describe('writeBenchmarksDoc', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cpx-bench-doc-'));
  const doc = path.join(dir, 'benchmarks.md');
  const history = path.join(dir, 'benchmarks', 'history.jsonl');
  writeFileSync(doc, `# Benchmarks\n\nOld intro.\n\n${OWN_SECTION}\n## Method\n\nold method\n\n## Goals\n\nold goals\n\n${LATEST_MARKER}\n\n## Run 2026-12-01T00:00:00Z\n\nan older run\n`);

  writeBenchmarksDoc(doc, sampleRun('2026-12-08T00:36:56.123Z', 'a11b734', 3.83));
  writeBenchmarksDoc(doc, sampleRun('2026-12-09T10:00:00.000Z', 'b22c845', 4.1));
  const text = readFileSync(doc, 'utf8');

  it('keeps the sections the benchmark does not write, verbatim and before the method', () => {
    expect(text).toContain(OWN_SECTION);
    expect(text.indexOf(OWN_SECTION)).toBeLessThan(text.indexOf('## Method'));
    expect(text.match(/## Built output/g)).toHaveLength(1);
  });

  it('regenerates the intro, method and goals', () => {
    expect(text).not.toContain('Old intro.');
    expect(text).not.toContain('old method');
    expect(text).toContain('npm run bench:history');
    expect(text).toContain('| time to ready, warm caches | < 60 s |');
  });

  it('shows only the latest run, below the marker', () => {
    expect(text.match(/^## Run /gm)).toHaveLength(1);
    expect(text.slice(text.indexOf(LATEST_MARKER))).toMatch(/^.*\n\n## Run 2026-12-09T10:00:00Z\n/);
    expect(text).toContain('Code: commit b22c845.');
  });

  it('appends every run to the history, oldest first, with its headline figures', () => {
    const records = readHistory(history);
    expect(records.map((record) => [record.date, record.commit])).toEqual([
      ['2026-12-08T00:36:56Z', 'a11b734'],
      ['2026-12-09T10:00:00Z', 'b22c845'],
    ]);
    expect(records[1]).toMatchObject({
      machine: '2 CPUs (AMD EPYC), 23.5 GiB RAM, Linux 6.18; Node v24.22.3; Java: openjdk 17',
      wholeRunSeconds: 158,
      busy: false,
      figures: { readySeconds: 8.3, gatewayReadP50Ms: 4.1, gatewayReadP99Ms: 12.3, gatewayOverKafkaP99: 2.02, postToLiveP95Ms: 32, firstAttemptP95Ms: 28, rssAfterLoadMiB: 1800 },
    });
  });

  it('renders a history record back to the section the doc shows', () => {
    const latest = readHistory(history).at(-1)!;
    const section = text.slice(text.indexOf('## Run '));
    expect(normaliseTables(renderRunSection(latest))).toBe(normaliseTables(section));
  });

  it('prints the history as a table, one line per run', () => {
    const table = historyTable(readHistory(history)).trim().split('\n');
    expect(table).toHaveLength(4);
    expect(table[3]).toBe('| 2026-12-09T10:00:00Z | b22c845 |  | 8.3 | 4.1 | 12.3 | 2.02x | 32 | 28 | 1800 |');
  });
});
