// Time to ready: from calling startPlatform until the gateway's /ready answers 200 (which
// startPlatform waits for), split into the stack's milestones so that a slow start says
// where its time went. The milestones come from the stack's own progress lines on
// stderr, read as they are written: the stack reports them and offers no other hook.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { RunningPlatform } from '@cpx/stack';

export interface CacheState {
  name: string;
  warm: boolean | 'external';
}

export interface StartupTiming {
  readySeconds: number;
  /** Seconds from the start to each milestone seen, in the order seen. */
  milestones: { name: string; seconds: number }[];
  caches: CacheState[];
}

const MILESTONES: [string, RegExp][] = [
  ['Postgres ready', /Postgres (ready at|from DATABASE_URL)/],
  ['Kafka ready', /Kafka (broker ready at|container .* ready at|from KAFKA_BROKERS)/],
  ['stack ready (topics created)', /^\[stack\] ready in/m],
];

/**
 * What a start can reuse from an earlier one, checked before it begins. These mirror
 * where libs/stack keeps things (kafka-jars.ts, kafka-broker.ts, postgres.ts).
 */
export function probeCaches(root: string, instance: string): CacheState[] {
  const cache = (...parts: string[]) => path.join(root, '.cache', ...parts);
  const externalKafka = !!process.env['KAFKA_BROKERS']?.trim();
  const externalPostgres = !!process.env['DATABASE_URL']?.trim();
  const pomHash = createHash('sha256').update(readFileSync(path.join(root, 'deploy', 'kafka', 'pom.xml'))).digest('hex').slice(0, 16);
  return [
    { name: 'Kafka jars resolved (Maven)', warm: externalKafka ? 'external' : existsSync(cache('kafka', 'libs', `.resolved-${pomHash}`)) },
    { name: `Kafka storage formatted (${instance})`, warm: externalKafka ? 'external' : existsSync(cache('kafka', instance, 'data', 'meta.properties')) },
    { name: `Postgres initialised (${instance})`, warm: externalPostgres ? 'external' : existsSync(cache('postgres', instance, 'data', 'PG_VERSION')) },
  ];
}

export async function startTimed(
  caches: CacheState[],
  start: () => Promise<RunningPlatform>,
): Promise<{ platform: RunningPlatform; timing: StartupTiming }> {
  const startedAt = performance.now();
  const milestones: StartupTiming['milestones'] = [];
  const write = process.stderr.write;
  process.stderr.write = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]) {
    const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString() : '';
    for (const [name, pattern] of MILESTONES) {
      if (pattern.test(text) && !milestones.some((seen) => seen.name === name)) {
        milestones.push({ name, seconds: (performance.now() - startedAt) / 1000 });
      }
    }
    return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
  } as typeof process.stderr.write;
  try {
    const platform = await start();
    return { platform, timing: { readySeconds: (performance.now() - startedAt) / 1000, milestones, caches } };
  } finally {
    process.stderr.write = write;
  }
}
