// docs/benchmarks.md, written by the benchmark: the method and goals (regenerated on every
// run so they cannot drift from the code), then the latest run. Each run also goes to the
// history beside the doc (docs/benchmarks/history.jsonl, history.ts), where the earlier
// runs are. Sections of the doc the benchmark does not write (a one-off measurement such as
// "Built output") are the doc's own: kept as they stand, in their place.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { PARTITIONS } from '@cpx/contracts';
import { ORIGIN_COUNTRY, TARGET_COUNTRY } from './alert-parties';
import { POST_TIMEOUT_MS } from './alert-posting';
import { LIVE_TIMEOUT_MS, type AlertsPlan, type AlertsResult, type LatencySplit, type SteadyRate } from './alerts-bench';
import { OTHER_PROCESSES, type ComponentCores, type CpuShare } from './cpu-share';
import { appendHistory, historyFileOf, parseRunSection } from './history';
import { ATTEMPT_TIMEOUT_MS, type FeedsPlan, type FeedsResult } from './feeds-bench';
import { ONE_WAY_PAYLOAD_BYTES } from './kafka-one-way';
import type { LoopResult } from './load-runner';
import type { Machine } from './machine';
import { latencyRatios, type LatencySummary } from './percentiles';
import type { MemorySnapshot } from './rss';
import type { StartupTiming } from './startup';

/** The paths measured, from the transport floor up to the public query. */
export type ReadKey = 'kafka-echo' | 'kafka-echo-plaintext' | 'pg-row' | 'rpc-health' | 'rpc-get-agency' | 'http-health' | 'gateway-query';

export interface ReadResult {
  key: ReadKey;
  label: string;
  /** What the row is for the reader: the measured path, a baseline, or a layer of it. */
  role: 'measured' | 'baseline' | 'layer';
  sequential: LoopResult;
  concurrent?: LoopResult;
}

export interface BenchPlan {
  agencies: number;
  /** Rounds; a round calls every path once. */
  warmup: number;
  rounds: number;
  sequentialCapSeconds: number;
  inFlight: number;
  concurrentTotal: number;
  concurrentCapSeconds: number;
  alerts: AlertsPlan;
  feeds: FeedsPlan;
}

export interface BenchRun {
  date: Date;
  instance: string;
  machine: Machine;
  /** The code measured: `commit <sha>`, possibly `with uncommitted changes` (code-version.ts). */
  code: string;
  plan: BenchPlan;
  startup: StartupTiming;
  reads: ReadResult[];
  alerts: AlertsResult;
  feeds: FeedsResult;
  /** Gateway over raw Kafka echo, sequential. */
  ratios: { p50: number; p95: number; p99: number };
  memory: { atReady: MemorySnapshot; afterLoad: MemorySnapshot };
  /** Who used the machine's CPU while the platform started, during the reads and the alerts. */
  cpu: { startup: CpuShare; reads: CpuShare; alerts: CpuShare; feeds: CpuShare };
  /** Wall time from the benchmark's start until it began stopping the platform. */
  benchSeconds: number;
}

/** Above this share of the machine's CPU going to other processes, a run is flagged. */
export const BUSY_MACHINE_SHARE = 0.1;

export const GOALS = {
  readySeconds: 60,
  p99Ratio: 1.5,
  memoryBytes: 3 * 1024 ** 3,
  postToLiveP95Ms: 1_000,
  firstAttemptP95Ms: 1_000,
} as const;

/** Above it the method, goals and the doc's own sections; below it the latest run. */
export const LATEST_MARKER = '<!-- bench:latest - written by `npm run bench`; earlier runs: docs/benchmarks/history.jsonl, `npm run bench:history` -->';
/** Sections the benchmark writes; any other `## ` section above the marker is kept as it is. */
const GENERATED_SECTIONS = ['Method', 'Goals'];

/** Appends this run to the history and rewrites the doc: header, the doc's own sections, this run. */
export function writeBenchmarksDoc(file: string, run: BenchRun, historyFile = historyFileOf(file)): void {
  const existing = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const section = runSection(run);
  appendHistory(historyFile, parseRunSection(section));
  writeFileSync(file, `${header(run.plan, ownSections(existing))}\n${LATEST_MARKER}\n\n${section}`);
}

/** The `## ` sections above the marker that the benchmark does not write, verbatim, each ending in one newline. */
export function ownSections(doc: string): string {
  const markerAt = doc.indexOf(LATEST_MARKER);
  const above = markerAt >= 0 ? doc.slice(0, markerAt) : doc.split(/\n(?=## Run )/)[0]!;
  return above
    .split(/\n(?=## )/)
    .filter((chunk) => chunk.startsWith('## ') && !GENERATED_SECTIONS.includes(chunk.slice(3, chunk.indexOf('\n') >= 0 ? chunk.indexOf('\n') : undefined).trim()) && !chunk.startsWith('## Run '))
    .map((chunk) => `${chunk.trim()}\n`)
    .join('\n');
}

function header(plan: BenchPlan, own: string): string {
  return `# Benchmarks

\`npm run bench\` starts the whole platform on this machine, measures it against baselines
taken in the same run, prints a summary, writes its run at the end of this page, and stops
everything (Ctrl-C included). It is a benchmark, not a test: nothing fails on a slow number.
Goals are printed beside the figures they apply to. Source: \`tools/bench.ts\`, \`tools/bench/\`.
Every run, this one and the earlier ones, is also a line of
[\`benchmarks/history.jsonl\`](benchmarks/history.jsonl); \`npm run bench:history\` prints them as a
table, and \`npm run bench:history -- <date or commit>\` prints one run as it was written here.

${own ? `${own}\n` : ''}## Method

- **Time to ready**: \`startPlatform\` (instance \`bench\`, data kept between runs, so Kafka's
  jars, its formatted storage and Postgres' initialised data dir are reused when present)
  until the gateway's \`/ready\` answers 200. The milestones are the stack's own progress
  lines (Postgres up, Kafka up, topics created); "services" is the rest: the service
  processes booting (built JavaScript under plain node), migrations, Kafka group joins and the
  gateway's readiness probe. Which caches were warm is checked before the start. This is
  the first start of the run, so it is cold when the run is the first for the instance.
- **Directory read**: \`query { agency(id) { id name country } }\` over HTTP to the gateway
  (fetch, keep-alive) with a professional's token, rotating over ${plan.agencies} agencies seeded
  through GraphQL by a platform admin. Baselines, same run, same machine:
  - *raw Kafka echo*: a kafkajs request/reply round trip on bench-only topics (partitioned
    like the platform's request and reply topics) to an echo responder, matched by
    correlation id: the transport floor of the gateway's own round trip to the directory,
    over TLS and SCRAM-SHA-512 as the tools principal, as every platform client connects;
    and the same echo on a plaintext broker started for it (no TLS, no users, no ACLs):
    what TLS and SASL cost a round trip.
  - *raw pg*: the same agency row selected by id from the directory's database with \`pg\`.
  Layers in between, to see where the time goes: *RequestClient* sends GetAgency to the
  directory exactly as the gateway's resolver does (signed principal, protobuf, Nest's
  Kafka transport; the directory reads the caller and the row at once), and the gateway's
  *\`/health\`* is its HTTP floor (no GraphQL, auth or Kafka).
- One at a time: ${plan.warmup} warm-up rounds (not recorded), then ${plan.rounds} rounds (capped at
  ${plan.sequentialCapSeconds} s), each calling every path once, starting one path further each round.
  Interleaving puts background noise, GC and JIT on all paths alike, so their ratios stay
  fair; req/s there is 1000 / mean. Then, path by path, ${plan.concurrentTotal} calls with ${plan.inFlight} in
  flight (capped at ${plan.concurrentCapSeconds} s); req/s there is calls over the loop's wall time.
  Percentiles are nearest-rank (an observed latency, never interpolated); errors are
  counted apart. The layer-by-layer split uses means, which add up (percentiles do not).
${alertsMethod(plan.alerts)}
${feedsMethod(plan.feeds, plan.alerts)}
- **Memory**: every process of the platform is a descendant of the benchmark; each
  subtree under one of its children is a component (a service, the Kafka JVM, the
  Postgres postmaster with its backends, the stack's watchdog shells). RSS is VmRSS from
  \`/proc/<pid>/status\`, summed; since RSS counts shared pages once per process (Postgres'
  shared buffers in every backend), PSS from \`smaps_rollup\` is given as the fair sum.
  Taken once the platform is ready and again after all the load (reads, alerts, feeds).
- The client runs on the same cores as the platform, as the numbers include. Whatever
  else the machine runs takes from both: each run records the share of all CPU time
  (cores x wall time, from \`/proc/stat\`) that went to the platform and the benchmark
  versus to other processes, during start-up, the reads, the alerts and the feeds, and is flagged when
  others took more than ${BUSY_MACHINE_SHARE * 100}%. Compare runs only when neither is flagged.

## Goals

| what | goal |
|---|---|
| time to ready, warm caches | < ${GOALS.readySeconds} s |
| gateway read p99 over raw Kafka round trip p99 | <= ${GOALS.p99Ratio}x |
| alert post -> recipient's live subscription, p95 at ${plan.alerts.ratePerSecond} alerts/s | < ${GOALS.postToLiveP95Ms} ms |
| domain event committed -> first webhook attempt, p95 at ${plan.feeds.ratePerSecond} events/s to ${plan.feeds.endpoints} endpoints | < ${GOALS.firstAttemptP95Ms} ms |
| resident memory of the whole platform (RSS) | < ${formatBytes(GOALS.memoryBytes)} |
`;
}

function alertsMethod(plan: AlertsPlan): string {
  return `- **Alerts, parties**: at the start of the alerts part a platform admin registers, through
  GraphQL, a Serbian agency with a verified professional (the poster) and a French agency
  whose verified professional is named France's focal point (the recipient; the focal
  points earlier runs left are removed first, so each alert has one recipient). The
  recipient subscribes to \`alertChanged\` over graphql-ws with their own token before
  anything is posted. Every post is the same alert (a missing girl, RS -> FR, CRITICAL,
  with the child's record, which the alerts service seals) under a new idempotency key,
  sent like the directory reads (fetch, keep-alive). Before any timing, probe posts are
  repeated until one is routed to the focal point and arrives on the socket: until the
  alerts service's replica of the directory has the poster a post is \`FORBIDDEN\`, and
  since posting is idempotent by key, the same key is simply retried; a post routed
  before the focal point reached the replica has no recipient, and a new key is tried.
  The platform runs
  with acknowledgement windows of years (\`ALERTS_ACK_*_MS\`), so the alerts the
  benchmark leaves in the kept data never escalate during a later run.
- **Alerts, one at a time**: ${plan.warmup} warm-up posts, then ${plan.posts} (capped at ${plan.sequentialCapSeconds} s), each
  waited for live before the next. *postAlert* is the mutation's reply time (req/s is
  1000 / mean). *post -> live* runs from the moment the post is sent to the moment the
  recipient's \`alertChanged\` POSTED event is read off its socket, matched by the alert
  id from the reply (the event may come first; both ends are timed on one clock in the
  benchmark's process); an event that never comes (${LIVE_TIMEOUT_MS / 1000} s) is *missing*.
- **Alerts at a steady rate, open loop**: posts leave on a fixed schedule, ${plan.ratePerSecond}/s for
  ${plan.rateSeconds} s (post i is due at start + i / rate), whether or not earlier ones were answered:
  a closed loop waits for replies and so hides the platform's queueing. At most
  ${plan.maxInFlight} posts are in flight; one due while that many are outstanding is *dropped*
  (counted, not sent). If the client falls behind its own schedule, late posts go at once
  and the lag is reported. *errors* are posts that failed (a GraphQL error, or no reply
  in ${POST_TIMEOUT_MS / 1000} s); after the last post, events have ${plan.drainSeconds} s more to arrive, and those that do
  not are *missing*. *post -> live* is timed as above; *achieved/s* is events delivered
  (replies, for *postAlert reply*) per second from the first post to the last delivery.
  *postAlert reply* is the same posts' reply times.
  Goal: post -> live p95 under ${GOALS.postToLiveP95Ms} ms. *Cores in use* is each component's CPU
  time from the first post until the last reply (from \`/proc\`, components as for memory,
  the benchmark's own client apart), in cores kept busy and per post answered. When the
  platform cannot keep up, posts queue and the run says so: *saturated* when posts were
  dropped (latency then tends to the in-flight bound over the throughput, Little's law,
  and the throughput is the figure to read); *at capacity* when none were, but the p50
  of the posts sent in the last fifth of the window is more than twice (and 100 ms more
  than) that of the first fifth: a queue was growing, and a longer run would read higher.
  - *raw Kafka produce -> consume* (baseline, same run, same rate and duration, measured
    just before): kafkajs produces ${ONE_WAY_PAYLOAD_BYTES}-byte messages with acks=-1 (as the outbox
    relay does), random keys, to a bench-only topic with the events topics' ${PARTITIONS.events} partitions;
    a consumer in a group of its own with the gateway live consumer's settings, subscribed
    from the latest offset, is timed from send to \`eachMessage\`, once a probe has shown
    that its first fetch happened (before it, a new group does not know where the end is).
    Both in the benchmark's process, on one clock. It is the transport's floor; a post
    crosses Kafka twice before it is live (the request to the alerts service, then its
    AlertPosted event to the gateway).
  - *Where post -> live goes*: the alert's \`occurredAt\`, stamped by the alerts service
    inside its posting transaction, splits it in two. Before: HTTP, the token, GraphQL,
    the request over Kafka, the service's queue and the caller's lookup. After: routing,
    sealing, the inserts and the commit, the outbox relay (woken by NOTIFY, produce with
    acks=all), the gateway's live consumer, the fan-out and the WebSocket. Means, from the
    wall clocks of two processes on one machine (millisecond stamps).`;
}

function feedsMethod(plan: FeedsPlan, alerts: AlertsPlan): string {
  return `- **Partner feeds, set-up**: after the alerts, a platform admin registers through GraphQL a
  partner limited to ${TARGET_COUNTRY} and gives it ${plan.endpoints} webhook subscriptions to \`cpx.alerts.v1.*\`
  about ${TARGET_COUNTRY}, each to its own endpoint: an HTTP server on 127.0.0.1 in the benchmark's process
  that answers 204 at once. Subscriptions an interrupted earlier run left are deleted first,
  and this run's at the end.
- **What an event is**: an AlertPosted event (${ORIGIN_COUNTRY} -> ${TARGET_COUNTRY}) committed by the benchmark into the
  alerts service's own outbox, the row its posting transaction writes (topic, aggregate
  key, type, subject, protobuf payload; the insert trigger wakes the relay), one INSERT that
  Postgres commits before answering. From there it is all the platform's: the alerts
  service's outbox relay publishes it to Kafka; the feeds service consumes it, records it
  in the feed and creates one delivery per matching subscription in the inbox's
  transaction; its delivery workers claim due deliveries from Postgres, sign them
  (Standard Webhooks) and POST. Posting real alerts instead would put the gateway and the
  alerts service on the same cores (their figures are above) and measure those again.
- **Committed -> first attempt** runs from the moment the commit is acknowledged to the
  benchmark to the moment an endpoint reads the request (before it answers), per (event,
  endpoint): the first attempt only, retries are not timed. Both on the benchmark's clock.
  One at a time: ${plan.warmup} warm-up events, then ${plan.events} (capped at ${plan.sequentialCapSeconds} s), each awaited at every
  endpoint; *all endpoints* is commit to the last endpoint's first attempt. At a steady rate:
  ${plan.ratePerSecond} events/s for ${plan.rateSeconds} s, open loop as for the alerts (at most ${plan.maxInFlight} commits in flight),
  so ${plan.ratePerSecond * plan.endpoints} webhooks/s; attempts have ${plan.drainSeconds} s after the last commit to arrive, and pairs never
  attempted within ${ATTEMPT_TIMEOUT_MS / 1000} s (one at a time) or the drain are *missing*. *Endpoint p95 spread* is
  the fastest and the slowest endpoint's own p95. Goal: p95 under ${GOALS.firstAttemptP95Ms} ms.
  - The floor is the *raw Kafka produce -> consume* above, measured in the same run at
    ${alerts.ratePerSecond}/s: an event crosses Kafka once on this path.`;
}

function runSection(run: BenchRun): string {
  const { machine, startup, memory } = run;
  const warmth = startup.caches.map((cache) => `${cache.name}: ${cacheWord(cache.warm)}`).join('; ');
  const lines = [
    `## Run ${run.date.toISOString().replace(/\.\d+Z$/, 'Z')}`,
    '',
    `Machine: ${machine.cpus} CPUs (${machine.cpuModel}), ${formatBytes(machine.memoryBytes)} RAM, ${machine.kernel}; ` +
      `Node ${machine.node}; Java: ${machine.java}. Code: ${run.code}. Whole run ${run.benchSeconds.toFixed(0)} s before stopping.`,
    '',
    `CPU time of the machine: ${cpuLine('start-up', run.cpu.startup)}; ${cpuLine('reads', run.cpu.reads)}; ${cpuLine('alerts', run.cpu.alerts)}; ${cpuLine('feeds', run.cpu.feeds)}.${busyNote(run)}`,
    '',
    '### Time to ready',
    '',
    '| | seconds from start | goal |',
    '|---|---:|---|',
    `| **first start this run** (caches: ${warmth}) | **${startup.readySeconds.toFixed(1)}** | < ${GOALS.readySeconds} s: ${verdict(startup.readySeconds < GOALS.readySeconds)}${coldNote(startup)} |`,
    ...startup.milestones.map((milestone) => `| ${milestone.name} | ${milestone.seconds.toFixed(1)} | |`),
    `| services booted, gateway /ready | ${startup.readySeconds.toFixed(1)} | |`,
    '',
    `### Directory read \`agency(id)\`, one at a time, paths interleaved (ms)`,
    '',
    '| path | n | errors | p50 | p95 | p99 | mean | max | req/s |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...run.reads.map((read) => loopRow(read, read.sequential)),
    '',
    `Gateway over raw Kafka echo: p50 ${ratio(run.ratios.p50)}, p95 ${ratio(run.ratios.p95)}, **p99 ${ratio(run.ratios.p99)}** ` +
      `(goal <= ${GOALS.p99Ratio}x: ${verdict(run.ratios.p99 <= GOALS.p99Ratio)}).`,
    '',
  ];
  const layers = latencyLayers(run);
  if (layers.length > 0) {
    lines.push(
      "Where the gateway read's mean goes (difference of means between successive paths above):",
      '',
      ...layers.map((layer) => `- ${ms(layer.ms)} ms: ${layer.adds}`),
      '',
    );
  }
  const concurrent = run.reads.filter((read) => read.concurrent);
  if (concurrent.length > 0) {
    lines.push(
      `### Same reads, ${run.plan.inFlight} in flight (ms)`,
      '',
      '| path | n | errors | p50 | p95 | p99 | mean | max | req/s |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
      ...concurrent.map((read) => loopRow(read, read.concurrent!)),
      '',
    );
  }
  lines.push(...alertsSection(run), ...feedsSection(run));
  lines.push(
    '### Resident memory of the platform (MiB)',
    '',
    '| component | processes | RSS at ready | RSS after load | PSS after load |',
    '|---|---:|---:|---:|---:|',
    ...memory.afterLoad.components.map((component) => {
      const atReady = memory.atReady.components.find((other) => other.component === component.component);
      return `| ${component.component} | ${component.processes} | ${mib(atReady?.rssBytes)} | ${mib(component.rssBytes)} | ${mib(component.pssBytes)} |`;
    }),
    `| **total** | ${memory.afterLoad.total.processes} | ${mib(memory.atReady.total.rssBytes)} | **${mib(memory.afterLoad.total.rssBytes)}** | ${mib(memory.afterLoad.total.pssBytes)} |`,
    `| ${memory.afterLoad.harness.component} | 1 | ${mib(memory.atReady.harness.rssBytes)} | ${mib(memory.afterLoad.harness.rssBytes)} | ${mib(memory.afterLoad.harness.pssBytes)} |`,
    '',
    `Goal < ${formatBytes(GOALS.memoryBytes)} RSS: ${verdict(peakRss(run) < GOALS.memoryBytes)} (peak ${formatBytes(peakRss(run))}).`,
    '',
  );
  return lines.join('\n');
}

function alertsSection(run: BenchRun): string[] {
  const alerts = run.alerts;
  const { plan, oneAtATime, postToLive, kafkaOneWay } = alerts;
  const saturation = saturationNote(alerts);
  const live = postToLive.latency;
  const ratios = latencyRatios(live, kafkaOneWay.latency);
  const firstError = [postToLive, kafkaOneWay].map((rate) => rate.loop.firstError).find((error) => error !== undefined);
  return [
    `### Alerts posted one at a time, each awaited live (ms)`,
    '',
    `Each alert went to ${alerts.recipients} recipient(s) in the target country.`,
    '',
    '| path | n | errors | missing | p50 | p95 | p99 | mean | max | req/s |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    `| **postAlert through the gateway** | ${oneAtATime.post.count}${oneAtATime.post.capped ? ' (time cap)' : ''} | ${oneAtATime.post.errors} | | ${latencyCells(oneAtATime.post)} | ${oneAtATime.post.throughputPerSecond.toFixed(0)} |`,
    `| post -> recipient's \`alertChanged\` | ${oneAtATime.live.count} | | ${oneAtATime.live.errors} | ${latencyCells(oneAtATime.live)} | |`,
    '',
    `Where post -> live goes one at a time: ${splitText(oneAtATime.split)}.`,
    '',
    `### Alerts at a steady ${plan.ratePerSecond}/s for ${plan.rateSeconds} s, open loop (ms)`,
    '',
    '| path | offered | sent | dropped | errors | missing | achieved/s | p50 | p95 | p99 | mean | max |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    steadyRow('raw kafka produce -> consume (baseline)', kafkaOneWay, true),
    steadyRow('postAlert reply (layer)', alerts.postReply, false),
    steadyRow("**post -> recipient's `alertChanged`**", postToLive, true),
    '',
    `Post -> live **p95 ${ms(live.p95)} ms** (goal < ${GOALS.postToLiveP95Ms} ms: ${verdict(live.p95 < GOALS.postToLiveP95Ms)}); ` +
      `over raw Kafka produce -> consume: p50 ${ratio(ratios.p50)}, p95 ${ratio(ratios.p95)}, p99 ${ratio(ratios.p99)}. ` +
      `Where it goes: ${splitText(postToLive.split)}. ` +
      `Over the window, p50 of the posts sent in its first fifth ${ms(postToLive.trend.first)} ms, in its last fifth ${ms(postToLive.trend.last)} ms.`,
    '',
    `Client behind its schedule: p99 ${ms(postToLive.loop.lagMs.p99)} ms, max ${ms(postToLive.loop.lagMs.max)} ms (alerts); ` +
      `p99 ${ms(kafkaOneWay.loop.lagMs.p99)} ms, max ${ms(kafkaOneWay.loop.lagMs.max)} ms (raw Kafka).` +
      (firstError ? ` First error: ${firstError}.` : ''),
    '',
    `Cores in use while posting at ${plan.ratePerSecond}/s (of ${run.machine.cpus}): ${coresText(alerts)}.`,
    '',
    ...(saturation ? [`**${saturation}**`, ''] : []),
  ];
}

function feedsSection(run: BenchRun): string[] {
  const { plan, oneAtATime, steady } = run.feeds;
  const kafka = run.alerts.kafkaOneWay;
  const ratios = latencyRatios(steady.firstAttempt, kafka.latency);
  const sequentialRow = (name: string, summary: LatencySummary, capped = false) =>
    `| ${name} | ${summary.count}${capped ? ' (time cap)' : ''} | ${summary.errors} | ${latencyCells(summary)} |`;
  const growing = isGrowing(steady.trend) || steady.loop.dropped > 0;
  return [
    `### Partner feeds: events one at a time, each awaited at all ${plan.endpoints} endpoints (ms)`,
    '',
    '| path | n | missing | p50 | p95 | p99 | mean | max |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    sequentialRow('**committed -> first webhook attempt** (per endpoint)', oneAtATime.firstAttempt, oneAtATime.firstAttempt.capped),
    sequentialRow(`committed -> first attempt at all ${plan.endpoints} endpoints`, oneAtATime.allEndpoints),
    '',
    `### Partner feeds at a steady ${plan.ratePerSecond} events/s for ${plan.rateSeconds} s to ${plan.endpoints} endpoints, open loop (ms)`,
    '',
    '| path | offered | sent | dropped | errors | missing | achieved/s | p50 | p95 | p99 | mean | max |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    steadyRow('raw kafka produce -> consume (baseline, from the alerts part)', kafka, true),
    `| event commit (layer) | ${steady.loop.offered} | ${steady.loop.sent} | ${steady.loop.dropped} | ${steady.loop.failed} | | ${perSecond(steady.commit.throughputPerSecond)} | ${latencyCells(steady.commit)} |`,
    `| **committed -> first webhook attempt** (per event and endpoint) | ${steady.loop.offered * plan.endpoints} | ${steady.loop.sent * plan.endpoints} | ${steady.loop.dropped * plan.endpoints} | | ${steady.missing} | ${perSecond(steady.attemptsPerSecond)} | ${latencyCells(steady.firstAttempt)} |`,
    '',
    `Committed -> first attempt **p95 ${ms(steady.firstAttempt.p95)} ms** (goal < ${GOALS.firstAttemptP95Ms} ms: ${verdict(steady.firstAttempt.p95 < GOALS.firstAttemptP95Ms)}); ` +
      `over raw Kafka produce -> consume: p50 ${ratio(ratios.p50)}, p95 ${ratio(ratios.p95)}, p99 ${ratio(ratios.p99)}. ` +
      `Endpoint p95 spread: fastest ${ms(steady.endpointP95.fastest)} ms, slowest ${ms(steady.endpointP95.slowest)} ms. ` +
      `Over the window, p50 of the events committed in its first fifth ${ms(steady.trend.first)} ms, in its last fifth ${ms(steady.trend.last)} ms` +
      `${growing ? ': a queue was growing, a longer run would read higher' : ''}.` +
      (run.feeds.malformed > 0 ? ` ${run.feeds.malformed} requests at the endpoints were not well-formed webhooks.` : '') +
      (steady.loop.firstError ? ` First error: ${steady.loop.firstError}.` : ''),
    '',
    `Cores in use from the first commit to the last attempt (of ${run.machine.cpus}): ${feedsCoresText(run.feeds)}.`,
    '',
  ];
}

/** Cores each component kept busy, and its CPU time per post answered (not for others' processes). */
export function coresText(alerts: AlertsResult): string {
  return coresPer(alerts.steadyCpu, alerts.postReply.latency.count, 'post');
}

/** The same for the feeds: CPU time per event committed. */
export function feedsCoresText(feeds: FeedsResult): string {
  return coresPer(feeds.steadyCpu, feeds.steady.commit.count, 'event');
}

function coresPer(cpu: { windowMs: number; components: ComponentCores[] }, units: number, unit: string): string {
  const per = (cores: number) => (units > 0 ? ` (${ms((cores * cpu.windowMs) / units)} ms/${unit})` : '');
  return cpu.components
    .map(({ component, cores }) => `${component} ${cores.toFixed(2)}${component === OTHER_PROCESSES ? '' : per(cores)}`)
    .join(', ');
}

/**
 * Empty unless the platform could not keep up with the offered rate. Then posts queue:
 * up to the in-flight bound, where latency is about that bound over the throughput
 * (Little's law), a property of the bound rather than of the path; or, short of it, for
 * as long as the run lasts, so that a longer run would read higher.
 */
export function saturationNote(alerts: AlertsResult): string {
  const { plan, postReply, postToLive } = alerts;
  const taken = postReply.achievedPerSecond;
  const { first, last } = postToLive.trend;
  const growing = `post -> live p50 went from ${ms(first)} ms (posts of the first fifth of the window) to ${ms(last)} ms (the last fifth)`;
  if (postToLive.loop.dropped > 0) {
    return (
      `Saturated: the platform answered ${perSecond(taken)} posts/s of the ${plan.ratePerSecond}/s offered, ${postToLive.loop.dropped} dropped at ` +
      `${plan.maxInFlight} in flight; ${growing}. Latency under saturation is about the in-flight bound over the throughput ` +
      `(${plan.maxInFlight} / ${perSecond(taken)}/s = ${ms((plan.maxInFlight / taken) * 1000)} ms): read the throughput.`
    );
  }
  if (isGrowing(postToLive.trend)) {
    return (
      `At capacity: nothing dropped, but ${growing}: posts came faster than the platform answered them (${perSecond(taken)}/s ` +
      `from the first post to the last reply) and queued; a longer run would read higher.`
    );
  }
  return '';
}

/** A queue was growing: the latest sends waited more than twice as long as the first, and by 100 ms at least. */
function isGrowing({ first, last }: SteadyRate['trend']): boolean {
  return last > 2 * first && last - first > 100;
}

function latencyCells(summary: LatencySummary): string {
  return [summary.p50, summary.p95, summary.p99, summary.mean, summary.max].map(ms).join(' | ');
}

function steadyRow(name: string, rate: SteadyRate, arrives: boolean): string {
  const { loop, latency } = rate;
  return `| ${name} | ${loop.offered} | ${loop.sent} | ${loop.dropped} | ${loop.failed} | ${arrives ? rate.missing : ''} | ${perSecond(rate.achievedPerSecond)} | ${latencyCells(latency)} |`;
}

export function splitText(split: LatencySplit): string {
  return `${ms(split.toService)} ms until the alerts service stamps the alert (HTTP, token, GraphQL, request over Kafka, queue), ` +
    `${ms(split.serviceToLive)} ms from there to the recipient's socket (transaction, outbox relay, Kafka, gateway fan-out, WebSocket) (means)`;
}

export function perSecond(value: number): string {
  return Number.isFinite(value) ? value.toFixed(0) : 'n/a';
}

// Each step adds one layer to the one before; the difference of means is what that layer
// costs on average (means add up, percentiles do not).
const LAYERS: { key: ReadKey; adds: string }[] = [
  { key: 'kafka-echo', adds: 'Kafka request/reply round trip' },
  { key: 'rpc-health', adds: "Nest's Kafka transport, signed principal, protobuf, SELECT 1" },
  { key: 'rpc-get-agency', adds: 'the read itself: caller lookup and agency row (plain SQL)' },
  { key: 'gateway-query', adds: 'HTTP, token verification, GraphQL' },
];

/** Where the gateway's mean latency goes, layer by layer; empty if a layer was not measured. */
export function latencyLayers(run: BenchRun): { adds: string; ms: number }[] {
  const means = LAYERS.map(({ key }) => run.reads.find((read) => read.key === key)?.sequential.mean);
  if (means.some((mean) => mean === undefined || !Number.isFinite(mean))) return [];
  return LAYERS.map(({ adds }, index) => ({ adds, ms: means[index]! - (index > 0 ? means[index - 1]! : 0) }));
}

export function cpuLine(phase: string, share: CpuShare): string {
  const percent = (value: number) => `${(value * 100).toFixed(0)}%`;
  return (
    `${phase}: platform+bench ${percent(share.ours)}, other processes ${percent(share.others)}, idle ${percent(share.idle)} ` +
    `(load average ${share.loadAverage1m.from.toFixed(1)} -> ${share.loadAverage1m.to.toFixed(1)})`
  );
}

/** Empty for a quiet run; else a warning naming the phases other processes disturbed. */
export function busyNote(run: BenchRun): string {
  const phases = { startup: 'start-up', reads: 'reads', alerts: 'alerts', feeds: 'feeds' } as const;
  const busy = (Object.keys(phases) as (keyof typeof phases)[]).filter((phase) => run.cpu[phase].others > BUSY_MACHINE_SHARE).map((phase) => phases[phase]);
  return busy.length > 0
    ? ` **Busy machine during ${busy.join(', ').replace(/, ([^,]*)$/, ' and $1')}: other processes took more than ${BUSY_MACHINE_SHARE * 100}% of the CPU; these figures are not comparable with a quiet run.**`
    : '';
}

function loopRow(read: ReadResult, loop: LoopResult): string {
  const name = read.role === 'measured' ? `**${read.label}**` : `${read.label} (${read.role})`;
  const capped = loop.capped ? ' (time cap)' : '';
  return `| ${name} | ${loop.count}${capped} | ${loop.errors} | ${ms(loop.p50)} | ${ms(loop.p95)} | ${ms(loop.p99)} | ${ms(loop.mean)} | ${ms(loop.max)} | ${loop.throughputPerSecond.toFixed(0)} |`;
}

export function peakRss(run: BenchRun): number {
  return Math.max(run.memory.atReady.total.rssBytes, run.memory.afterLoad.total.rssBytes);
}

export function ms(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  return value < 10 ? value.toFixed(2) : value.toFixed(1);
}

export function ratio(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}x` : 'n/a';
}

export function mib(bytes: number | undefined): string {
  return bytes === undefined ? 'n/a' : (bytes / 1024 ** 2).toFixed(0);
}

export function formatBytes(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GiB` : `${(bytes / 1024 ** 2).toFixed(0)} MiB`;
}

export function verdict(met: boolean): string {
  return met ? 'met' : 'NOT met';
}

export function cacheWord(warm: boolean | 'external'): string {
  return warm === 'external' ? 'external' : warm ? 'warm' : 'cold';
}

function coldNote(startup: StartupTiming): string {
  return startup.caches.some((cache) => cache.warm === false) ? ' (cold start: run again for a warm figure)' : '';
}
