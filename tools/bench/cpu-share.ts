// Was the machine quiet? On a small machine anything else running (a test suite, a
// build) takes cores from the platform and from the benchmark's clients, and the numbers
// mean little. This measures, over a window, which share of all the machine's CPU time
// went to this process and its descendants (the platform) and which to everything else,
// from /proc/stat and each process's own counters, in clock ticks on both sides. Within
// a phase it can also say which component of the platform kept the cores busy.
import os from 'node:os';
import { readProcessTree, readProcFile } from './process-tree';
import { platformComponents } from './rss';

export interface CpuSample {
  /** All CPU time of the machine, idle included. */
  machineTicks: number;
  machineBusyTicks: number;
  ourTicks: number;
  loadAverage1m: number;
}

export interface CpuShare {
  /** Fractions of all the machine's CPU time over the window (cores x wall time). */
  ours: number;
  others: number;
  idle: number;
  loadAverage1m: { from: number; to: number };
}

export function sampleCpu(rootPid = process.pid): CpuSample {
  const tree = readProcessTree();
  const ours = new Set(tree.subtree(rootPid));
  return {
    ...machineTicks(),
    ourTicks: tree.entries.filter((entry) => ours.has(entry.pid)).reduce((sum, entry) => sum + entry.cpuTicks, 0),
    loadAverage1m: os.loadavg()[0]!,
  };
}

function machineTicks(): { machineTicks: number; machineBusyTicks: number } {
  // `cpu  user nice system idle iowait irq softirq steal guest guest_nice`; guest time is
  // already counted in user.
  const [, ...values] = readProcFile('/proc/stat').split('\n')[0]!.trim().split(/\s+/);
  const [user, nice, system, idle, iowait, irq, softirq, steal] = values.map(Number);
  return {
    machineTicks: [user, nice, system, idle, iowait, irq, softirq, steal].reduce((sum, value) => sum! + (value ?? 0), 0)!,
    machineBusyTicks: [user, nice, system, irq, softirq, steal].reduce((sum, value) => sum! + (value ?? 0), 0)!,
  };
}

/** CPU ticks of each platform component (named as in rss.ts) and of the benchmark itself. */
export interface ComponentCpuSample {
  machineTicks: number;
  machineBusyTicks: number;
  byComponent: Map<string, number>;
}

/** Cores' worth of CPU a component used over a window: 1.0 is one core kept busy throughout. */
export interface ComponentCores {
  component: string;
  cores: number;
}

export const HARNESS = 'bench client';
export const OTHER_PROCESSES = 'other processes (not CPX)';

export function sampleComponentCpu(named: ReadonlyMap<number, string>, rootPid = process.pid): ComponentCpuSample {
  const tree = readProcessTree();
  const ticks = new Map(tree.entries.map((entry) => [entry.pid, entry.cpuTicks]));
  const sum = (pids: number[]) => pids.reduce((total, pid) => total + (ticks.get(pid) ?? 0), 0);
  const byComponent = new Map([...platformComponents(named, tree, rootPid)].map(([component, pids]) => [component, sum(pids)]));
  byComponent.set(HARNESS, sum([rootPid]));
  return { ...machineTicks(), byComponent };
}

/** Busiest first, then what the rest of the machine used; `cpus` turns a share of the machine into cores. */
export function componentCores(from: ComponentCpuSample, to: ComponentCpuSample, cpus: number): ComponentCores[] {
  const machine = Math.max(1, to.machineTicks - from.machineTicks);
  const used = [...to.byComponent].map(([component, ticks]) => ({ component, ticks: Math.max(0, ticks - (from.byComponent.get(component) ?? 0)) }));
  const ours = used.reduce((total, { ticks }) => total + ticks, 0);
  const others = Math.max(0, to.machineBusyTicks - from.machineBusyTicks - ours);
  const cores = (ticks: number) => (ticks / machine) * cpus;
  return [
    ...used.map(({ component, ticks }) => ({ component, cores: cores(ticks) })).sort((a, b) => b.cores - a.cores),
    { component: OTHER_PROCESSES, cores: cores(others) },
  ];
}

export function cpuShare(from: CpuSample, to: CpuSample): CpuShare {
  const machine = Math.max(1, to.machineTicks - from.machineTicks);
  const busy = to.machineBusyTicks - from.machineBusyTicks;
  // Clamped: a descendant that exits has its time added to its parent's on being reaped,
  // so ours can slightly overshoot what the machine counted in the window.
  const ours = Math.min(busy, Math.max(0, to.ourTicks - from.ourTicks));
  return {
    ours: ours / machine,
    others: Math.max(0, busy - ours) / machine,
    idle: Math.max(0, machine - busy) / machine,
    loadAverage1m: { from: from.loadAverage1m, to: to.loadAverage1m },
  };
}
