// What the numbers were measured on: they mean little without the machine, and the
// benchmark's own clients share its cores with the platform.
import { spawnSync } from 'node:child_process';
import { readlinkSync } from 'node:fs';
import os from 'node:os';

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryBytes: number;
  kernel: string;
  node: string;
  /** The JVM Kafka runs on, asked of the running broker's own executable. */
  java: string;
}

export function describeMachine(kafkaPid: number | undefined): Machine {
  return {
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    memoryBytes: os.totalmem(),
    kernel: `${os.type()} ${os.release()}`,
    node: process.version,
    java: kafkaPid ? javaVersion(kafkaPid) : 'n/a (Kafka not a local JVM)',
  };
}

function javaVersion(pid: number): string {
  try {
    const java = readlinkSync(`/proc/${pid}/exe`);
    const result = spawnSync(java, ['-version'], { encoding: 'utf8', timeout: 10_000 });
    // `openjdk version "17.0.15" 2025-04-15` is the first line, on stderr.
    return (result.stderr || result.stdout).split('\n')[0]?.trim() || 'unknown';
  } catch {
    return 'unknown';
  }
}
