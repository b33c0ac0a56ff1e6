// The compact summary printed at the end of `npm run bench` (stdout; progress goes to stderr).
import type { SteadyRate } from './alerts-bench';
import type { LoopResult } from './load-runner';
import { latencyRatios, type LatencySummary } from './percentiles';
import { busyNote, cacheWord, coresText, cpuLine, feedsCoresText, formatBytes, GOALS, latencyLayers, mib, ms, peakRss, perSecond, ratio, saturationNote, verdict, type BenchRun } from './report-writer';

export function consoleSummary(run: BenchRun, docPath: string): string {
  const { machine, startup, memory } = run;
  const width = Math.max(...run.reads.map((read) => label(read.label, read.role).length));
  const table = (pick: (read: BenchRun['reads'][number]) => LoopResult | undefined) =>
    run.reads.flatMap((read) => {
      const loop = pick(read);
      return loop ? [`  ${label(read.label, read.role).padEnd(width)}  ${loopColumns(loop)}`] : [];
    });
  const heading = `  ${''.padEnd(width)}  ${['n', 'err', 'p50', 'p95', 'p99', 'mean', 'max', 'req/s'].map((h) => h.padStart(7)).join('')}`;
  const ready = `${startup.readySeconds.toFixed(1)} s`;
  const milestones = startup.milestones.map((milestone) => `${milestone.name} ${milestone.seconds.toFixed(1)} s`).join(', ');
  const components = memory.afterLoad.components.map((component) => `${component.component} ${mib(component.rssBytes)}`).join(', ');
  return [
    '',
    `=== CPX benchmark ${run.date.toISOString()} ===`,
    `machine: ${machine.cpus} CPUs, ${formatBytes(machine.memoryBytes)}, Node ${machine.node}, ${machine.java}; code: ${run.code}`,
    `cpu time: ${cpuLine('start-up', run.cpu.startup)}`,
    `          ${cpuLine('reads', run.cpu.reads)}`,
    `          ${cpuLine('alerts', run.cpu.alerts)}`,
    `          ${cpuLine('feeds', run.cpu.feeds)}`,
    ...(busyNote(run) ? [`WARNING:${busyNote(run).replaceAll('**', '')}`] : []),
    '',
    `time to ready (first start this run): ${ready}   goal < ${GOALS.readySeconds} s: ${verdict(startup.readySeconds < GOALS.readySeconds)}`,
    `  ${milestones}, gateway /ready ${ready}`,
    `  caches: ${startup.caches.map((cache) => `${cache.name} ${cacheWord(cache.warm)}`).join(', ')}`,
    '',
    `agency(id) reads, one at a time, paths interleaved (ms):`,
    heading,
    ...table((read) => read.sequential),
    `  gateway / raw kafka: p50 ${ratio(run.ratios.p50)}  p95 ${ratio(run.ratios.p95)}  p99 ${ratio(run.ratios.p99)}   ` +
      `goal p99 <= ${GOALS.p99Ratio}x: ${verdict(run.ratios.p99 <= GOALS.p99Ratio)}`,
    `  where the gateway's mean goes: ${latencyLayers(run).map((layer) => `${ms(layer.ms)} ${layer.adds}`).join(' | ')}`,
    '',
    `same reads, ${run.plan.inFlight} in flight (ms):`,
    heading,
    ...table((read) => read.concurrent),
    '',
    ...alertLines(run),
    '',
    ...feedLines(run),
    '',
    `memory after load (RSS MiB): ${components}`,
    `  total RSS ${formatBytes(memory.afterLoad.total.rssBytes)} (at ready ${formatBytes(memory.atReady.total.rssBytes)}), ` +
      `PSS ${memory.afterLoad.total.pssBytes === undefined ? 'n/a' : formatBytes(memory.afterLoad.total.pssBytes)}, ` +
      `${memory.afterLoad.total.processes} processes   goal < ${formatBytes(GOALS.memoryBytes)}: ${verdict(peakRss(run) < GOALS.memoryBytes)}`,
    '',
    `written to ${docPath}; whole run ${run.benchSeconds.toFixed(0)} s before stopping`,
    '',
  ].join('\n');
}

function alertLines(run: BenchRun): string[] {
  const { plan, oneAtATime, kafkaOneWay, postReply, postToLive } = run.alerts;
  const names = ['postAlert through the gateway', "post -> recipient's alertChanged", 'raw kafka produce -> consume (baseline)', 'postAlert reply (layer)'];
  const width = Math.max(...names.map((name) => name.length));
  const latency = (summary: LatencySummary) => [summary.p50, summary.p95, summary.p99, summary.mean, summary.max].map((value) => ms(value).padStart(7)).join('');
  const steady = (name: string, rate: SteadyRate, arrives: boolean) =>
    `  ${name.padEnd(width)}  ${[rate.loop.offered, rate.loop.sent, rate.loop.dropped, rate.loop.failed].map((value) => String(value).padStart(7)).join('')}` +
    `${(arrives ? String(rate.missing) : '').padStart(7)}${perSecond(rate.achievedPerSecond).padStart(7)}${latency(rate.latency)}`;
  const ratios = latencyRatios(postToLive.latency, kafkaOneWay.latency);
  const split = (toService: number, serviceToLive: number) => `${ms(toService)} ms to the alerts service's stamp | ${ms(serviceToLive)} ms from there to the socket (means)`;
  const firstError = postToLive.loop.firstError ?? kafkaOneWay.loop.firstError;
  return [
    'alerts posted one at a time, each awaited live (ms):',
    `  ${''.padEnd(width)}  ${['n', 'err', 'miss', 'p50', 'p95', 'p99', 'mean', 'max', 'req/s'].map((h) => h.padStart(7)).join('')}`,
    `  ${names[0]!.padEnd(width)}  ${[String(oneAtATime.post.count) + (oneAtATime.post.capped ? '*' : ''), String(oneAtATime.post.errors), ''].map((value) => value.padStart(7)).join('')}` +
      `${latency(oneAtATime.post)}${perSecond(oneAtATime.post.throughputPerSecond).padStart(7)}`,
    `  ${names[1]!.padEnd(width)}  ${[String(oneAtATime.live.count), '', String(oneAtATime.live.errors)].map((value) => value.padStart(7)).join('')}${latency(oneAtATime.live)}`,
    `  where post -> live goes: ${split(oneAtATime.split.toService, oneAtATime.split.serviceToLive)}`,
    '',
    `alerts at a steady ${plan.ratePerSecond}/s for ${plan.rateSeconds} s, open loop (ms):`,
    `  ${''.padEnd(width)}  ${['offered', 'sent', 'drop', 'err', 'miss', 'got/s', 'p50', 'p95', 'p99', 'mean', 'max'].map((h) => h.padStart(7)).join('')}`,
    steady(names[2]!, kafkaOneWay, true),
    steady(names[3]!, postReply, false),
    steady(names[1]!, postToLive, true),
    `  post -> live p95 ${ms(postToLive.latency.p95)} ms   goal < ${GOALS.postToLiveP95Ms} ms: ${verdict(postToLive.latency.p95 < GOALS.postToLiveP95Ms)}   ` +
      `over raw kafka: p50 ${ratio(ratios.p50)}  p95 ${ratio(ratios.p95)}  p99 ${ratio(ratios.p99)}`,
    `  where it goes: ${split(postToLive.split.toService, postToLive.split.serviceToLive)}`,
    `  p50 of posts sent in the first fifth of the window ${ms(postToLive.trend.first)} ms, in the last fifth ${ms(postToLive.trend.last)} ms`,
    `  client behind schedule: p99 ${ms(postToLive.loop.lagMs.p99)} ms, max ${ms(postToLive.loop.lagMs.max)} ms` + (firstError ? `   first error: ${firstError}` : ''),
    `  cores in use while posting (of ${run.machine.cpus}): ${coresText(run.alerts)}`,
    ...(saturationNote(run.alerts) ? [`  ${saturationNote(run.alerts)}`] : []),
  ];
}

function feedLines(run: BenchRun): string[] {
  const { plan, oneAtATime, steady } = run.feeds;
  const latency = (summary: LatencySummary) => [summary.p50, summary.p95, summary.p99, summary.mean, summary.max].map((value) => ms(value).padStart(7)).join('');
  const names = ['committed -> first attempt (per endpoint)', `committed -> all ${plan.endpoints} endpoints`, 'event commit (layer)'];
  const width = Math.max(...names.map((name) => name.length));
  const ratios = latencyRatios(steady.firstAttempt, run.alerts.kafkaOneWay.latency);
  return [
    `partner feeds, one event at a time, awaited at ${plan.endpoints} endpoints (ms):`,
    `  ${''.padEnd(width)}  ${['n', 'miss', 'p50', 'p95', 'p99', 'mean', 'max'].map((h) => h.padStart(7)).join('')}`,
    `  ${names[0]!.padEnd(width)}  ${String(oneAtATime.firstAttempt.count).padStart(7)}${String(oneAtATime.firstAttempt.errors).padStart(7)}${latency(oneAtATime.firstAttempt)}`,
    `  ${names[1]!.padEnd(width)}  ${String(oneAtATime.allEndpoints.count).padStart(7)}${String(oneAtATime.allEndpoints.errors).padStart(7)}${latency(oneAtATime.allEndpoints)}`,
    '',
    `partner feeds at a steady ${plan.ratePerSecond} events/s for ${plan.rateSeconds} s to ${plan.endpoints} endpoints (ms):`,
    `  ${''.padEnd(width)}  ${['n', 'miss', 'p50', 'p95', 'p99', 'mean', 'max'].map((h) => h.padStart(7)).join('')}`,
    `  ${names[2]!.padEnd(width)}  ${String(steady.commit.count).padStart(7)}${String(steady.loop.failed).padStart(7)}${latency(steady.commit)}`,
    `  ${names[0]!.padEnd(width)}  ${String(steady.firstAttempt.count).padStart(7)}${String(steady.missing).padStart(7)}${latency(steady.firstAttempt)}`,
    `  first attempt p95 ${ms(steady.firstAttempt.p95)} ms   goal < ${GOALS.firstAttemptP95Ms} ms: ${verdict(steady.firstAttempt.p95 < GOALS.firstAttemptP95Ms)}   ` +
      `over raw kafka: p50 ${ratio(ratios.p50)}  p95 ${ratio(ratios.p95)}  p99 ${ratio(ratios.p99)}   ${perSecond(steady.attemptsPerSecond)} attempts/s`,
    `  endpoint p95 spread ${ms(steady.endpointP95.fastest)} .. ${ms(steady.endpointP95.slowest)} ms; p50 first fifth ${ms(steady.trend.first)} ms, last fifth ${ms(steady.trend.last)} ms` +
      (steady.loop.dropped > 0 ? `; ${steady.loop.dropped} events dropped` : ''),
    `  cores in use (of ${run.machine.cpus}): ${feedsCoresText(run.feeds)}`,
  ];
}

function label(name: string, role: string): string {
  return role === 'measured' ? name : `${name} (${role})`;
}

function loopColumns(loop: LoopResult): string {
  const values = [String(loop.count) + (loop.capped ? '*' : ''), String(loop.errors), ms(loop.p50), ms(loop.p95), ms(loop.p99), ms(loop.mean), ms(loop.max), loop.throughputPerSecond.toFixed(0)];
  return values.map((value) => value.padStart(7)).join('') + (loop.firstError ? `   first error: ${loop.firstError}` : '');
}
