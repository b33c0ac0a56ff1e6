// The compact summary printed at the end of `npm run bench` (stdout; progress goes to stderr).
import type { LoopResult } from './load-runner';
import { busyNote, cacheWord, cpuLine, formatBytes, GOALS, latencyLayers, mib, ms, peakRss, ratio, verdict, type BenchRun } from './report-writer';

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
    `machine: ${machine.cpus} CPUs, ${formatBytes(machine.memoryBytes)}, Node ${machine.node}, ${machine.java}`,
    `cpu time: ${cpuLine('start-up', run.cpu.startup)}`,
    `          ${cpuLine('reads', run.cpu.reads)}`,
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
    `memory after load (RSS MiB): ${components}`,
    `  total RSS ${formatBytes(memory.afterLoad.total.rssBytes)} (at ready ${formatBytes(memory.atReady.total.rssBytes)}), ` +
      `PSS ${memory.afterLoad.total.pssBytes === undefined ? 'n/a' : formatBytes(memory.afterLoad.total.pssBytes)}, ` +
      `${memory.afterLoad.total.processes} processes   goal < ${formatBytes(GOALS.memoryBytes)}: ${verdict(peakRss(run) < GOALS.memoryBytes)}`,
    '',
    `written to ${docPath}; whole run ${run.benchSeconds.toFixed(0)} s before stopping`,
    '',
  ].join('\n');
}

function label(name: string, role: string): string {
  return role === 'measured' ? name : `${name} (${role})`;
}

function loopColumns(loop: LoopResult): string {
  const values = [String(loop.count) + (loop.capped ? '*' : ''), String(loop.errors), ms(loop.p50), ms(loop.p95), ms(loop.p99), ms(loop.mean), ms(loop.max), loop.throughputPerSecond.toFixed(0)];
  return values.map((value) => value.padStart(7)).join('') + (loop.firstError ? `   first error: ${loop.firstError}` : '');
}
