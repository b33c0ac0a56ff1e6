// Resident memory of the running platform, read from /proc (Linux only). Each subtree
// under a child of this process is one component: a service process, the Kafka JVM, the
// Postgres postmaster with the backends it forks, the stack's watchdog shells. This
// process itself (the benchmark's own clients) is reported apart and not counted.
//
// VmRSS is what the goal is stated in, but it counts shared pages once per process:
// Postgres' shared buffers appear in every backend. PSS (from smaps_rollup) splits each
// shared page between the processes mapping it, so its sum is the honest total.
import { readlinkSync } from 'node:fs';
import { readProcessTree, readProcFile, type ProcessEntry, type ProcessTree } from './process-tree';

export interface ComponentMemory {
  component: string;
  /** The component's root process first, then its descendants. */
  pids: number[];
  processes: number;
  rssBytes: number;
  /** Undefined when smaps_rollup could not be read (another user's process without root). */
  pssBytes: number | undefined;
}

export interface MemorySnapshot {
  components: ComponentMemory[];
  total: ComponentMemory;
  /** This process: the benchmark's clients, not part of the platform. */
  harness: ComponentMemory;
}

/**
 * `named` maps a pid to its component (the service processes, whose pids the platform
 * knows); other direct children are named after what they run.
 */
export function platformMemory(named: ReadonlyMap<number, string>, rootPid = process.pid): MemorySnapshot {
  const components = [...platformComponents(named, readProcessTree(), rootPid)].map(([component, pids]) => measure(component, pids));
  components.sort((a, b) => b.rssBytes - a.rssBytes);
  return {
    components,
    total: sum('total', components),
    harness: measure('bench harness (not counted)', [rootPid]),
  };
}

/** The pids of each component: the subtrees under `rootPid`'s children, named. */
export function platformComponents(named: ReadonlyMap<number, string>, tree: ProcessTree, rootPid = process.pid): Map<string, number[]> {
  const byComponent = new Map<string, number[]>();
  for (const child of tree.childrenOf(rootPid)) {
    const component = named.get(child.pid) ?? componentOf(child);
    byComponent.set(component, [...(byComponent.get(component) ?? []), ...tree.subtree(child.pid)]);
  }
  return byComponent;
}

function componentOf(entry: ProcessEntry): string {
  const cmdline = readProcFile(`/proc/${entry.pid}/cmdline`).split('\0');
  if (entry.comm === 'java' && cmdline.includes('kafka.Kafka')) return 'kafka (JVM)';
  if (entry.comm === 'postgres' || executable(entry.pid).endsWith('/postgres')) return 'postgres';
  // process-guard's watchdogs: one tiny `sh` loop per guarded child.
  if (entry.comm === 'sh' && cmdline.some((arg) => arg.includes('kill -0'))) return 'stack watchdogs (sh)';
  return `other (${entry.comm})`;
}

function measure(component: string, pids: number[]): ComponentMemory {
  let rssBytes = 0;
  let pssBytes: number | undefined = 0;
  const alive: number[] = [];
  for (const pid of pids) {
    const rss = kilobytes(readProcFile(`/proc/${pid}/status`), 'VmRSS');
    // Kernel threads and processes that exited meanwhile have no VmRSS.
    if (rss === undefined) continue;
    alive.push(pid);
    rssBytes += rss * 1024;
    const pss = kilobytes(readProcFile(`/proc/${pid}/smaps_rollup`), 'Pss');
    pssBytes = pss === undefined || pssBytes === undefined ? undefined : pssBytes + pss * 1024;
  }
  return { component, pids: alive, processes: alive.length, rssBytes, pssBytes };
}

function sum(component: string, parts: ComponentMemory[]): ComponentMemory {
  return {
    component,
    pids: parts.flatMap((part) => part.pids),
    processes: parts.reduce((total, part) => total + part.processes, 0),
    rssBytes: parts.reduce((total, part) => total + part.rssBytes, 0),
    pssBytes: parts.every((part) => part.pssBytes !== undefined)
      ? parts.reduce((total, part) => total + part.pssBytes!, 0)
      : undefined,
  };
}

/** `VmRSS:   123456 kB` -> 123456. */
function kilobytes(text: string, field: string): number | undefined {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text);
  return match ? Number(match[1]) : undefined;
}

function executable(pid: number): string {
  try {
    return readlinkSync(`/proc/${pid}/exe`);
  } catch {
    return '';
  }
}

