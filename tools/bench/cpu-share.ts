// Was the machine quiet? On a small machine anything else running (a test suite, a
// build) takes cores from the platform and from the benchmark's clients, and the numbers
// mean little. This measures, over a window, which share of all the machine's CPU time
// went to this process and its descendants (the platform) and which to everything else,
// from /proc/stat and each process's own counters, in clock ticks on both sides.
import os from 'node:os';
import { readProcessTree, readProcFile } from './process-tree';

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
  // `cpu  user nice system idle iowait irq softirq steal guest guest_nice`; guest time is
  // already counted in user.
  const [, ...values] = readProcFile('/proc/stat').split('\n')[0]!.trim().split(/\s+/);
  const [user, nice, system, idle, iowait, irq, softirq, steal] = values.map(Number);
  const tree = readProcessTree();
  const ours = new Set(tree.subtree(rootPid));
  return {
    machineTicks: [user, nice, system, idle, iowait, irq, softirq, steal].reduce((sum, value) => sum! + (value ?? 0), 0)!,
    machineBusyTicks: [user, nice, system, irq, softirq, steal].reduce((sum, value) => sum! + (value ?? 0), 0)!,
    ourTicks: tree.entries.filter((entry) => ours.has(entry.pid)).reduce((sum, entry) => sum + entry.cpuTicks, 0),
    loadAverage1m: os.loadavg()[0]!,
  };
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
